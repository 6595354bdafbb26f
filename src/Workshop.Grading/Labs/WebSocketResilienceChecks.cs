using System.Net;
using System.Net.WebSockets;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 03: keep-alive pings and dead-peer detection, a message size limit (1009), an origin check (403), and a page
/// that reconnects with backoff and shows its state. The lab exposes <c>POST /admin/drop</c> to drop every socket.
/// </summary>
public sealed class WebSocketResilienceChecks : ILabCheckSet
{
    private const string Path = "/ws/live";

    /// <inheritdoc />
    public string LabId => "03";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("limit", "refuses an oversized message", "a 100 000-byte message makes the server close with 1009 (message too big)", RefusesOversized),
        new("limit", "still echoes a message under the limit", "a 60 000-byte message is echoed whole", EchoesUnderLimit),
        new("origin", "refuses a foreign origin", "a handshake with Origin: http://evil.example gets 403 Forbidden", RefusesForeignOrigin),
        new("origin", "accepts its own origin", "a handshake with the lab's own origin is accepted", AcceptsOwnOrigin),
        new("keepalive", "pings an idle client", "the server sends a WebSocket ping to an idle client within 3 s", PingsIdleClient),
        new("keepalive", "drops a dead peer", "a client that never answers pings is disconnected within 8 s", DropsDeadPeer),
        new("page", "page shows its state", "the page shows \"open\" in #state once connected", PageShowsOpen) { Timeout = TimeSpan.FromSeconds(20) },
        new("page", "page backs off: doubling, capped, jittered",
            "after POST /admin/drop, with every later attempt refused, the delays before the reconnects (read from the page's clock, which the grader advances) are never under 100 ms, grow (the 4th at least twice the 1st), stay under 10 s (a cap), and vary (jitter: the last three, at the cap, are not all equal)",
            PageBacksOff) { Timeout = TimeSpan.FromSeconds(25) },
        new("page", "page reconnects after a drop", "after POST /admin/drop, #state goes through \"reconnecting\" and back to \"open\"", PageReconnects) { Timeout = TimeSpan.FromSeconds(25) },
    ];

    private static async Task<ClientWebSocket> ConnectPastWelcomeAsync(CheckContext context)
    {
        var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
        if (await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken) is null) throw new InvalidOperationException("the server closed right after the handshake");
        return socket;
    }

    private static async Task<CheckOutcome> RefusesOversized(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        try
        {
            await WebSocketProbe.SendTextAsync(socket, new string('x', 100_000), context.CancellationToken, frameSize: 8192);
            var reply = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
            if (reply is not null) return CheckOutcome.Fail($"the server answered with a message of {reply.Length} characters");
        }
        catch (WebSocketException e)
        {
            return CheckOutcome.Fail($"the connection broke without a close frame ({e.WebSocketErrorCode})");
        }
        var status = socket.CloseStatus is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
        return CheckOutcome.When(socket.CloseStatus == WebSocketCloseStatus.MessageTooBig, $"close status {status}");
    }

    private static async Task<CheckOutcome> EchoesUnderLimit(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        var text = new string('y', 60_000);
        await WebSocketProbe.SendTextAsync(socket, text, context.CancellationToken, frameSize: 8192);
        var reply = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
        return CheckOutcome.When(reply == text, reply is null ? "the server closed the connection" : $"got {reply.Length} characters back");
    }

    private static async Task<CheckOutcome> HandshakeAsync(CheckContext context, string origin, Func<HttpStatusCode?, bool> ok)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        context.Transcript.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest, $"GET {Path} (WebSocket upgrade) Origin: {origin}");
        try
        {
            await socket.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
            context.Transcript.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, "101 Switching Protocols");
            return CheckOutcome.When(ok(null), $"accepted with Origin {origin}");
        }
        catch (WebSocketException)
        {
            context.Transcript.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, $"{(int)socket.HttpStatusCode} (handshake refused)");
            return CheckOutcome.When(ok(socket.HttpStatusCode), $"refused with HTTP {(int)socket.HttpStatusCode} for Origin {origin}");
        }
    }

    private static Task<CheckOutcome> RefusesForeignOrigin(CheckContext context) =>
        HandshakeAsync(context, "http://evil.example", status => status == HttpStatusCode.Forbidden);

    private static Task<CheckOutcome> AcceptsOwnOrigin(CheckContext context) =>
        HandshakeAsync(context, context.BaseAddress.GetLeftPart(UriPartial.Authority), status => status is null);

    private static async Task<CheckOutcome> PingsIdleClient(CheckContext context)
    {
        await using var raw = await RawWebSocket.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(3));
        var seen = new List<int>();
        try
        {
            while (await raw.ReadFrameAsync(wait.Token) is { } opcode)
            {
                seen.Add(opcode);
                if (opcode == 9) return CheckOutcome.Pass("a ping arrived");
            }
            return CheckOutcome.Fail($"the connection ended after frames {WebSocketFrames.Names(seen)} without a ping");
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Fail($"no ping within 3 s (frames seen: {WebSocketFrames.Names(seen)})");
        }
    }

    private static async Task<CheckOutcome> DropsDeadPeer(CheckContext context)
    {
        await using var raw = await RawWebSocket.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(8));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Never answer: every ping goes unanswered, as with a peer whose network vanished. A drop only counts
            // after a ping: a server that closes every connection at once has not detected anything.
            var pinged = false;
            while (await raw.ReadFrameAsync(wait.Token) is { } opcode)
            {
                if (opcode == 9) pinged = true;
                if (opcode == 8) return CheckOutcome.When(pinged, $"the server closed after {clock.Elapsed.TotalSeconds:0.0} s{(pinged ? " (after an unanswered ping)" : " without pinging first")}");
            }
            return CheckOutcome.When(pinged, $"the server dropped the connection after {clock.Elapsed.TotalSeconds:0.0} s{(pinged ? " (after an unanswered ping)" : " without pinging first")}");
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Fail("the silent client was still connected after 8 s");
        }
    }

    private static Task<CheckOutcome> PageShowsOpen(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            await pages[0].GotoAsync(context.HttpUrl("/").ToString());
            var ok = await PageProbe.WaitForTextAsync(pages[0], "#state", "open");
            return CheckOutcome.When(ok, PageProbe.WithErrors(await PageProbe.TextOfAsync(pages[0], "#state"), errors));
        });

    private static Task<CheckOutcome> PageReconnects(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            await page.GotoAsync(context.HttpUrl("/").ToString());
            if (!await PageProbe.WaitForTextAsync(page, "#state", "open")) return CheckOutcome.Fail("never open: " + await PageProbe.TextOfAsync(page, "#state"));
            using (var drop = await context.Http.PostAsync("/admin/drop", null, context.CancellationToken))
            {
                if (!drop.IsSuccessStatusCode) return CheckOutcome.Fail($"POST /admin/drop answered {(int)drop.StatusCode}");
            }
            // #log records every state change, so a quick "reconnecting" is not missed.
            var reconnecting = await PageProbe.WaitForTextAsync(page, "#log", "reconnecting");
            var openAgain = reconnecting && await WaitForSecondOpenAsync(page);
            return CheckOutcome.When(openAgain, PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#log"), errors));
        });

    private static Task<CheckOutcome> PageBacksOff(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var (delays, failure) = await ReconnectProbe.MeasureAsync(pages[0], context,
                page => PageProbe.WaitForTextAsync(page, "#state", "open"),
                async () =>
                {
                    using var drop = await context.Http.PostAsync("/admin/drop", null, context.CancellationToken);
                    return drop.IsSuccessStatusCode ? null : $"POST /admin/drop answered {(int)drop.StatusCode}";
                },
                count: 8, giveUpMilliseconds: 12_000);
            if (delays is null) return CheckOutcome.Fail(PageProbe.WithErrors(failure!, errors));
            return JudgeBackoff(delays);
        });

    /// <summary>
    /// The verdict on eight measured delays. The bounds are loose on purpose (any base from ~100 ms to ~1 s, any cap
    /// up to 10 s, any kind of jitter that varies the capped delays), and exact measurements make them safe.
    /// </summary>
    private static CheckOutcome JudgeBackoff(IReadOnlyList<double> d)
    {
        var seen = $"delays before each reconnect: {ReconnectProbe.Format(d)}";
        if (d.Min() < 100) return CheckOutcome.Fail($"{seen}: a reconnect came at once (under 100 ms), a tight loop that hammers a server that is down");
        if (d[3] < 2 * d[0]) return CheckOutcome.Fail($"{seen}: the delay does not grow (the 4th is not twice the 1st): no doubling");
        if (d.Max() > 10_000) return CheckOutcome.Fail($"{seen}: a delay over 10 s: no cap");
        if (Math.Abs(d[^1] - d[^2]) < 1 && Math.Abs(d[^2] - d[^3]) < 1) return CheckOutcome.Fail($"{seen}: the last three delays are equal: no jitter (every client would come back at the same moment)");
        return CheckOutcome.Pass(seen);
    }

    private static async Task<bool> WaitForSecondOpenAsync(Microsoft.Playwright.IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('#log li')].filter(li => li.textContent.trim() === 'open').length >= 2",
                null, new() { Timeout = 8000, PollingInterval = 50 });
            return true;
        }
        catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
        {
            return false;
        }
    }
}
