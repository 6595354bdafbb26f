var builder = WebApplication.CreateBuilder(args);

// WebSockets

// Server-Sent Events

// Webhooks
builder.Services.AddPlaygroundWebhooks(builder.Configuration, builder.Environment);

// Playground and site

var app = builder.Build();

app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
app.UseDefaultFiles();
app.UseStaticFiles();

// WebSockets

// Server-Sent Events

// Webhooks
app.MapPlaygroundWebhooks();

// Playground and site
app.MapGet("/", () => Results.Redirect("/play/"));

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
