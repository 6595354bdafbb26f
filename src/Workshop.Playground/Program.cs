var builder = WebApplication.CreateBuilder(args);

// WebSockets

// Server-Sent Events

// Webhooks

// Playground and site
builder.Services.AddCourseSite();

var app = builder.Build();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.UseDefaultFiles();
app.UseStaticFiles();

// WebSockets

// Server-Sent Events

// Webhooks

// Playground and site
app.MapCourseSite();

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
