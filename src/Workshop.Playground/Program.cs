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

var app = builder.Build();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
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
