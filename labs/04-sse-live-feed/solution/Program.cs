// Lab 04 solved: the brief's /events, grown into a live score feed.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ScoreFeed>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapGet("/score", (ScoreFeed feed) => feed.Current);

app.MapPost("/goal", (string? team, ScoreFeed feed) =>
{
    // TODO 3 solved: why validate: a typo must not score for the away team; 400 plus a reason says what was wrong.
    if (team is not ("home" or "away"))
    {
        return Results.Problem($"Unknown team '{team}': use team=home or team=away.", statusCode: StatusCodes.Status400BadRequest);
    }
    return Results.Ok(feed.Goal(team == "home"));
});

app.MapGet("/events", (HttpContext context, ScoreFeed feed, IHostApplicationLifetime lifetime) =>
{
    // TODO 2 solved: why: a proxy or browser cache that stores a stream would replay stale scores or hold it back.
    context.Response.Headers.CacheControl = "no-cache";
    // TODO 2 solved: why X-Accel-Buffering: a reverse proxy (nginx buffers by default) would collect the events and
    // pass them on in bursts; this header tells it to forward each one at once. TypedResults does not send it.
    context.Response.Headers["X-Accel-Buffering"] = "no";
    // Why a linked token: the stream ends when the browser leaves AND when the app stops (or shutdown waits on it).
    var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    context.Response.RegisterForDispose(stopping);
    // TODO 1 + 3 solved: why TypedResults.ServerSentEvents: it sets text/event-stream, writes the framing
    // (event:, data:, blank line) and flushes after each item, so nothing sits in a buffer.
    return TypedResults.ServerSentEvents(feed.WatchAsync(stopping.Token));
});

app.Run();
