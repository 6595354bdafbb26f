using System.Net.ServerSentEvents;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 05: event ids, Last-Event-ID replay, <c>retry:</c>, heartbeats, and a page that loses no event across a
/// server-side drop (<c>POST /admin/drop</c> ends every stream). News is posted with <c>POST /publish?text=…</c> and
/// streamed as <c>event: news</c>.
/// </summary>
public sealed class SseResumeChecks : ILabCheckSet
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public string LabId => "05";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("ids", "news events carry increasing ids", "two published items arrive as \"news\" events with ids, the second id greater than the first", CarryIds),
        new("replay", "replays after Last-Event-ID", "a stream opened with Last-Event-ID: N first gets every news event after N, in order, and not N itself", Replays),
        new("retry", "tells the browser when to retry", "the stream sends retry: with at most 2000 ms", SendsRetry),
        new("heartbeat", "keeps an idle stream alive", "an idle stream, watched for at least 2 s of heartbeats, receives one (a comment \": ping\" or a complete event) at least every 3 s, not a flood, every line well formed, and stays open", SendsHeartbeat),
        new("page", "page loses nothing across a drop", "news posted while the page's stream is dropped (POST /admin/drop) still appears in #news, once", PageLosesNothing) { Timeout = TimeSpan.FromSeconds(25) },
    ];

    private static async Task PublishAsync(CheckContext context, string text)
    {
        using var response = await context.Http.PostAsync($"/publish?text={Uri.EscapeDataString(text)}", null, context.CancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /publish answered {(int)response.StatusCode}");
    }

    /// <summary>
    /// Headers can arrive before the server has subscribed the stream; its first item (the hello, sent once
    /// subscribed) shows it has. Streams that send nothing first get up to 2 s, then the check goes on.
    /// </summary>
    private static Task SettleAsync(SseProbe sse) => sse.NextAsync(TimeSpan.FromSeconds(2));

    private static string Show(List<string> seen) => $"[{string.Join(", ", seen.TakeLast(6))}]";

    private static async Task<CheckOutcome> CarryIds(CheckContext context)
    {
        await using var sse = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await SettleAsync(sse);
        await PublishAsync(context, $"one-{tag}");
        await PublishAsync(context, $"two-{tag}");
        var seen = new List<string>();
        var one = await sse.NextMatchingAsync(e => e.EventType == "news" && e.Data == $"one-{tag}", Soon, seen);
        var two = await sse.NextMatchingAsync(e => e.EventType == "news" && e.Data == $"two-{tag}", Soon, seen);
        var ok = one?.EventId is { } a && two?.EventId is { } b && long.TryParse(a, out var x) && long.TryParse(b, out var y) && y > x;
        return CheckOutcome.When(ok, $"saw {Show(seen)}");
    }

    private static async Task<CheckOutcome> Replays(CheckContext context)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string? firstId;
        await using (var live = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken))
        {
            await SettleAsync(live);
            foreach (var name in new[] { "a", "b", "c" }) await PublishAsync(context, $"{name}-{tag}");
            var seenLive = new List<string>();
            firstId = (await live.NextMatchingAsync(e => e.Data == $"a-{tag}", Soon, seenLive))?.EventId;
            if (firstId is null) return CheckOutcome.Fail($"the live stream never carried a-{tag} with an id: {Show(seenLive)}");
        }
        await using var resumed = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken, lastEventId: firstId);
        var news = new List<string>();
        var seen = new List<string>();
        while (news.Count < 2 && await resumed.NextMatchingAsync(e => e.EventType == "news" && e.Data.EndsWith(tag, StringComparison.Ordinal), Soon, seen) is { } e)
        {
            news.Add(e.Data);
        }
        var ok = news.SequenceEqual([$"b-{tag}", $"c-{tag}"]);
        return CheckOutcome.When(ok, $"after Last-Event-ID {firstId} the stream gave [{string.Join(", ", news)}]; all events: {Show(seen)}");
    }

    private static async Task<CheckOutcome> SendsRetry(CheckContext context)
    {
        await using var sse = await SseProbe.OpenAsync(context.Http, "/events", Soon, context.CancellationToken);
        await PublishAsync(context, "retry-probe");
        var seen = new List<string>();
        await sse.NextMatchingAsync(e => e.EventType == "news", Soon, seen);
        var retry = sse.ReconnectionInterval ?? (sse.ParserReconnectionInterval == Timeout.InfiniteTimeSpan ? null : sse.ParserReconnectionInterval);
        return CheckOutcome.When(retry is { } r && r > TimeSpan.Zero && r <= TimeSpan.FromSeconds(2),
            retry is null ? "no retry: field" : $"retry: {retry.Value.TotalMilliseconds:0} ms");
    }

    private static async Task<CheckOutcome> SendsHeartbeat(CheckContext context)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(context.CancellationToken));
        return await HeartbeatWatch.JudgeAsync(reader, context.CancellationToken);
    }

    private static Task<CheckOutcome> PageLosesNothing(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            var tag = Guid.NewGuid().ToString("N")[..6];
            await page.GotoAsync(context.HttpUrl("/").ToString());
            // The page's EventSource opens after the load event, on its own time; news published before that is
            // rightly not replayed to a first connection. Knock until the page shows something, then start.
            var knock = Guid.NewGuid().ToString("N")[..6];
            var open = false;
            for (var i = 0; i < 8 && !open; i++)
            {
                await PublishAsync(context, $"knock-{i}-{knock}");
                open = await PageProbe.WaitForTextAsync(page, "#news", knock, 1000);
            }
            if (!open) return CheckOutcome.Fail("the page never showed published news: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#news"), errors));
            await PublishAsync(context, $"before-{tag}");
            if (!await PageProbe.WaitForTextAsync(page, "#news", $"before-{tag}"))
            {
                return CheckOutcome.Fail("the page never showed the first item: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#news"), errors));
            }
            using (var drop = await context.Http.PostAsync("/admin/drop", null, context.CancellationToken))
            {
                if (!drop.IsSuccessStatusCode) return CheckOutcome.Fail($"POST /admin/drop answered {(int)drop.StatusCode}");
            }
            await PublishAsync(context, $"during-{tag}"); // the page is between streams now
            await PublishAsync(context, $"after-{tag}");
            var ok = await PageProbe.WaitForTextAsync(page, "#news", $"after-{tag}", 8000);
            var items = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#news li')].map(li => li.textContent.trim())");
            var mine = items.Where(i => i.EndsWith(tag, StringComparison.Ordinal)).ToList();
            ok &= mine.SequenceEqual([$"before-{tag}", $"during-{tag}", $"after-{tag}"]);
            return CheckOutcome.When(ok, PageProbe.WithErrors($"#news items: [{string.Join(", ", mine)}]", errors));
        });
}
