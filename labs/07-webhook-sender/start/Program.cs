// Lab 07: a webhook sender with retries, backoff and a durable outbox. Read ../README.md, then work through the
// TODOs (Signer.cs, Backoff.cs, DeliveryWorker.cs, Outbox.cs, wwwroot/app.js). Check it: ./workshop check 07
using System.Text.Json;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<SenderOptions>(builder.Configuration.GetSection("Sender"));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Outbox>();
builder.Services.AddHostedService<DeliveryWorker>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

// Enqueue an event: { "url": "http://localhost:5000/hooks/<bin>", "type": "payment.captured", "data": { ... } }.
// The answer is 202 Accepted: "it is in the outbox", not "it was delivered" (that happens in the background).
app.MapPost("/api/events", (NewEvent input, Outbox outbox, TimeProvider time) =>
{
    if (!Uri.TryCreate(input.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
    {
        return Results.Problem(detail: "Give an absolute http(s) URL as \"url\".", statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["reason"] = "bad-url" });
    }
    var now = time.GetUtcNow();
    var id = $"msg_{Guid.NewGuid():N}";
    var type = string.IsNullOrWhiteSpace(input.Type) ? "payment.captured" : input.Type;
    var body = JsonSerializer.Serialize(new { type, timestamp = now, data = (object?)input.Data ?? new { } });
    outbox.Save(new OutboxEvent(id, url.AbsoluteUri, type, body, "pending", now, now, []));
    return Results.Accepted($"/api/events/{id}", new { id });
});

app.MapGet("/api/events", (Outbox outbox) => outbox.Latest(20));
app.MapGet("/api/events/{id}", (string id, Outbox outbox) => outbox.Find(id) is { } found
    ? Results.Ok(found)
    : Results.Problem(detail: $"No event {id}.", statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["reason"] = "unknown-event" }));

app.Run();
