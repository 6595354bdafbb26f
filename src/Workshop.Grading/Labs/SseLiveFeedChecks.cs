using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 04: the brief's <c>/events</c> (<c>data: Hello from server</c>) grown into a live score feed. The hello and
/// header checks only need <c>GET /events</c>, so the playground can be a target for them too.
/// </summary>
public sealed class SseLiveFeedChecks : ILabCheckSet
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string LabId => "04";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("hello", "is an event stream", "GET /events answers 200 with Content-Type text/event-stream, headers sent at once", IsEventStream),
        new("hello", "says hello first", "the first event's data is \"Hello from server\", within 3 s", SaysHelloFirst),
        new("headers", "is not cached", "the response carries Cache-Control: no-cache", IsNotCached),
        new("headers", "asks proxies not to buffer", "the response carries X-Accel-Buffering: no (TypedResults.ServerSentEvents does not send it: a buffering reverse proxy such as nginx would hold every event back)", IsNotBuffered),
        new("feed", "broadcasts goals", "after POST /goal?team=home, every open /events stream gets a \"score\" event whose data is {\"home\":N,\"away\":M} with home one higher", BroadcastsGoals),
        new("feed", "refuses an unknown team", "POST /goal?team=nobody answers 400 and changes no score", RefusesUnknownTeam),
        new("page", "page shows the live score", "the page shows Hello from server in #log, and #home changes when a home goal is posted", PageShowsScore) { Timeout = TimeSpan.FromSeconds(20) },
    ];

    /// <summary>
    /// GET /events for a check of <paramref name="task"/>. When an earlier check of the same task already waited the
    /// full 3 s for its headers in vain, this one fails at once with that cause (the task is lost either way; a check
    /// of another task still tries for itself).
    /// </summary>
    private static async Task<SseProbe> OpenEventsAsync(CheckContext context, string task)
    {
        const string need = "GET /events headers";
        if (context.Memory.Recall(task, need) is { } cause) throw new InvalidOperationException($"{cause} (in an earlier check of this task; not waited for again)");
        try
        {
            return await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken);
        }
        catch (InvalidOperationException e) when (!context.CancellationToken.IsCancellationRequested)
        {
            context.Memory.Remember(task, need, e.Message);
            throw;
        }
    }

    private static async Task<CheckOutcome> IsEventStream(CheckContext context)
    {
        await using var sse = await OpenEventsAsync(context, "hello");
        var type = sse.Response.Content.Headers.ContentType?.MediaType;
        return CheckOutcome.When(sse.Response.StatusCode == HttpStatusCode.OK && type == "text/event-stream",
            $"HTTP {(int)sse.Response.StatusCode}, Content-Type {type ?? "(none)"}");
    }

    private static async Task<CheckOutcome> SaysHelloFirst(CheckContext context)
    {
        await using var sse = await OpenEventsAsync(context, "hello");
        var first = await sse.NextAsync(Soon);
        return CheckOutcome.When(first?.Data == "Hello from server", first is { } e ? $"first event: {e.EventType} \"{e.Data}\"" : sse.Silence(Soon));
    }

    private static async Task<CheckOutcome> IsNotCached(CheckContext context)
    {
        await using var sse = await OpenEventsAsync(context, "headers");
        var cache = sse.Response.Headers.CacheControl;
        return CheckOutcome.When(cache?.NoCache == true, $"Cache-Control: {cache?.ToString() ?? "(none)"}");
    }

    private static async Task<CheckOutcome> IsNotBuffered(CheckContext context)
    {
        await using var sse = await OpenEventsAsync(context, "headers");
        var value = sse.Response.Headers.TryGetValues("X-Accel-Buffering", out var values) ? string.Join(", ", values) : null;
        return CheckOutcome.When(string.Equals(value?.Trim(), "no", StringComparison.OrdinalIgnoreCase), $"X-Accel-Buffering: {value ?? "(none)"}");
    }

    private static (int Home, int Away)? Score(SseItem<string> item)
    {
        if (item.EventType != "score") return null;
        try
        {
            using var doc = JsonDocument.Parse(item.Data);
            return (doc.RootElement.GetProperty("home").GetInt32(), doc.RootElement.GetProperty("away").GetInt32());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<CheckOutcome> BroadcastsGoals(CheckContext context)
    {
        await using var first = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken);
        await using var second = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken);
        // Both subscribed once they got their hello; only then is the goal sure to reach them.
        var hello1 = await first.NextAsync(Soon);
        if (hello1?.Data != "Hello from server") return CheckOutcome.Fail("stream 1 did not start with Hello from server: " + Got(hello1, first));
        var hello2 = await second.NextAsync(Soon);
        if (hello2?.Data != "Hello from server") return CheckOutcome.Fail("stream 2 did not start with Hello from server: " + Got(hello2, second));
        using var state = await context.Http.GetAsync("/score", context.CancellationToken);
        var before = JsonDocument.Parse(await state.Content.ReadAsStringAsync(context.CancellationToken)).RootElement.GetProperty("home").GetInt32();
        using var goal = await context.Http.PostAsync("/goal?team=home", null, context.CancellationToken);
        if (!goal.IsSuccessStatusCode) return CheckOutcome.Fail($"POST /goal?team=home answered {(int)goal.StatusCode}");
        var seenFirst = new List<string>();
        var seenSecond = new List<string>();
        var a = await first.NextMatchingAsync(e => Score(e)?.Home == before + 1, Soon, seenFirst);
        var b = await second.NextMatchingAsync(e => Score(e)?.Home == before + 1, Soon, seenSecond);
        return CheckOutcome.When(a is not null && b is not null,
            $"stream 1 saw [{string.Join(", ", seenFirst)}]; stream 2 saw [{string.Join(", ", seenSecond)}]");
    }

    private static string Got(SseItem<string>? item, SseProbe sse) => item is { } e ? $"first event: {e.EventType} \"{e.Data}\"" : sse.Silence(Soon);

    private static async Task<CheckOutcome> RefusesUnknownTeam(CheckContext context)
    {
        var scoreBefore = await context.Http.GetStringAsync("/score", context.CancellationToken);
        using var response = await context.Http.PostAsync("/goal?team=nobody", null, context.CancellationToken);
        var scoreAfter = await context.Http.GetStringAsync("/score", context.CancellationToken);
        return CheckOutcome.When(response.StatusCode == HttpStatusCode.BadRequest && scoreBefore == scoreAfter,
            $"HTTP {(int)response.StatusCode}; score {scoreBefore} → {scoreAfter}");
    }

    private static Task<CheckOutcome> PageShowsScore(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            // Both texts can only come over the page's /events stream: a page that never asks for it fails at once.
            var stream = PageStreams.Watch(page, context.HttpUrl("/events").AbsolutePath);
            await page.GotoAsync(context.HttpUrl("/").ToString());
            if (!await PageProbe.WaitForTextAsync(page, "#log", "Hello from server", stream))
            {
                return CheckOutcome.Fail("no Hello from server: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#log") + PageProbe.Because(stream, "Hello from server"), errors));
            }
            var score = await context.Http.GetStringAsync("/score", context.CancellationToken);
            var home = JsonDocument.Parse(score).RootElement.GetProperty("home").GetInt32();
            using var goal = await context.Http.PostAsync("/goal?team=home", null, context.CancellationToken);
            var expected = (home + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var ok = await PageProbe.WaitForTextAsync(page, "#home", expected, stream);
            return CheckOutcome.When(ok, PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#home") + $" (expected {expected})" + (ok ? "" : PageProbe.Because(stream, expected)), errors));
        });
}
