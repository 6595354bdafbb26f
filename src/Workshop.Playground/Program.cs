// The environment a deployer names always wins; `dotnet run` defaults to Development through its launch profile.
var builder = WebApplication.CreateBuilder(PlaygroundEnvironment.WithDefault(args));

// Every feature is Features/X/XFeature.cs with its AddX/MapX (GlobalUsings.cs brings them into scope).
// The data directory first: it is locked before anything writes to it (a second instance on it is refused).
builder.Services.AddPlaygroundDataDirectory(builder.Configuration, builder.Environment);

// WebSockets
builder.Services.AddRealtimeWebSockets(builder.Configuration);
builder.Services.AddMultiplayer();

// Server-Sent Events
builder.Services.AddServerSentEvents(builder.Configuration);
builder.Services.AddLiveFeed(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);

// Scale-out: Redis when Redis:Configuration is set, else nothing (see docs/scale-out.md); /health's checks
builder.Services.AddRedisBackplane(builder.Configuration);
builder.Services.AddPlaygroundHealth();

// Webhooks
builder.Services.AddPlaygroundWebhooks(builder.Configuration, builder.Environment);
builder.Services.AddInspector(builder.Configuration);

// Playground and site
builder.Services.AddCourseSite();
builder.Services.AddPlaygroundProblems();

// Safe by default: deployment checks, trusted proxies, body ceiling, rate limits (see docs/security.md)
builder.AddPlaygroundSecurity();

var app = builder.Build();
app.UsePlaygroundProblems(); // problem+json with a reason for the framework's own rejections (bad JSON, 404, 405, 415)
app.UsePlaygroundSecurity(); // forwarded headers, security headers, Development's loopback host filter, rate limits

app.MapPlaygroundHealth(); // "degraded" (still 200) while a Redis backplane is unreachable; see docs/scale-out.md
app.UseDefaultFiles();
app.UseStaticFiles();

// WebSockets
app.MapWebSocketEcho("/ws/echo");
app.MapChat("/ws/chat");
app.MapMultiplayer();

// Server-Sent Events
app.MapLiveFeed();
app.MapNotifications();

// Webhooks
app.MapPlaygroundWebhooks();
app.MapInspector();

// Playground and site
app.MapCourseSite();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
