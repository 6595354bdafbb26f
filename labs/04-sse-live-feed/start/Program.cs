// Lab 04: the brief's /events, grown into a live score feed. Read ../README.md, then work through the TODOs
// (Program.cs, ScoreFeed.cs, wwwroot/app.js). Check it: ./workshop check 04
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ScoreFeed>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapGet("/score", (ScoreFeed feed) => feed.Current);

app.MapPost("/goal", (string? team, ScoreFeed feed) =>
{
    // TODO 3 (feed): only "home" and "away" are teams: anything else gets a 400 problem and changes nothing.
    return Results.Ok(feed.Goal(team == "home"));
});

app.MapGet("/events", async (HttpContext context, ScoreFeed feed, IHostApplicationLifetime lifetime) =>
{
    // TODO 1 (hello): this is the brief's Express handler, still empty. Answer as an event stream:
    //        Content-Type text/event-stream, then the event "data: Hello from server\n\n", flushed at once
    //        (or, simpler: return TypedResults.ServerSentEvents(feed.WatchAsync(token)) from this handler).
    // TODO 2 (headers): tell every cache and proxy not to keep this response: Cache-Control: no-cache; and tell a
    //        buffering reverse proxy (nginx) to pass each event on at once: X-Accel-Buffering: no.
    // TODO 3 (feed): stream the score changes too: ScoreFeed.WatchAsync yields hello, the score, then each goal.
    // `token` ends when the browser goes away or the app stops: hand it to whatever streams. Disposed with the
    // response (not with this handler), because a stream you return goes on after the handler has returned.
    var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    context.Response.RegisterForDispose(stopping);
    var token = stopping.Token;
    try
    {
        await Task.Delay(Timeout.Infinite, token);
    }
    catch (OperationCanceledException)
    {
        // The browser went away.
    }
});

app.Run();
