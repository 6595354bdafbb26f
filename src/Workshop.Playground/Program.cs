var builder = WebApplication.CreateBuilder(args);

// WebSockets
builder.Services.AddRealtimeWebSockets(builder.Configuration);
builder.Services.AddTicTacToe();

// Server-Sent Events
builder.Services.AddServerSentEvents(builder.Configuration);
builder.Services.AddLiveFeed(builder.Configuration);

// Webhooks
builder.Services.AddPlaygroundWebhooks(builder.Configuration, builder.Environment);
builder.Services.AddInspector(builder.Configuration);

// Playground and site
builder.Services.AddCourseSite();
builder.Services.AddPlaygroundProblems();

// Safe by default: per-client rate limits (see docs/security.md)
builder.Services.AddPlaygroundRateLimits(builder.Configuration);

var app = builder.Build();
app.UsePlaygroundProblems(); // problem+json with a reason for the framework's own rejections (bad JSON, 404, 405, 415)
app.UseRateLimiter();

// "degraded" (still 200) with a reason while a Redis backplane is unreachable; see docs/scale-out.md.
app.MapGet("/health", (Workshop.Protocols.Scaling.BackplaneHealth backplane) => TypedResults.Ok(backplane.Report()));
app.UseDefaultFiles();
app.UseStaticFiles();

// WebSockets
app.MapWebSocketEcho("/ws/echo");
app.MapChat("/ws/chat");
app.MapTicTacToe("/ws/game");

// Server-Sent Events
app.MapLiveFeed();

// Webhooks
app.MapPlaygroundWebhooks();
app.MapInspector();

// Playground and site
app.MapCourseSite();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
