// Lab 05: news that survives a dropped stream. Read ../README.md, then work through the TODOs
// (NewsLog.cs and wwwroot/app.js). Check it: ./workshop check 05
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<NewsLog>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapPost("/publish", (string? text, NewsLog log) =>
    string.IsNullOrWhiteSpace(text)
        ? Results.Problem("Give the news as ?text=...", statusCode: StatusCodes.Status400BadRequest)
        : Results.Ok(new { id = log.Publish(text) }));

// The lab's test tool: ends every open stream, as a deploy or a crashed node would.
app.MapPost("/admin/drop", (NewsLog log) => Results.Ok(new { dropped = log.DropAll() }));

app.MapGet("/events", (HttpContext context, NewsLog log, IHostApplicationLifetime lifetime) =>
{
    context.Response.Headers.CacheControl = "no-cache";
    var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    context.Response.RegisterForDispose(stopping);
    // A reconnecting EventSource sends the last id it saw in the Last-Event-ID header.
    long? lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : null;
    return TypedResults.ServerSentEvents(log.WatchAsync(lastEventId, stopping.Token));
});

app.Run();
