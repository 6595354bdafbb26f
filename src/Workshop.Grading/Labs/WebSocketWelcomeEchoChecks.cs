using System.Net;
using System.Net.WebSockets;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 01: the brief's WebSocket server (<c>socket.send("Welcome!")</c>), echo, a clean close, and the page.
/// Only talks to <c>/ws/echo</c> and <c>/</c>, so the playground (which serves <c>/ws/echo</c>) can be a target too.
/// </summary>
public sealed class WebSocketWelcomeEchoChecks : ILabCheckSet
{
    private const string Path = "/ws/echo";

    /// <inheritdoc />
    public string LabId => "01";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("welcome", "first message is Welcome!", "the first text message after connecting to /ws/echo is \"Welcome!\"", FirstMessageIsWelcome),
        new("echo", "echoes a message", "sending \"hello\" comes back as \"hello\"", EchoesHello),
        new("echo", "echoes in order", "three messages come back in the order they were sent", EchoesInOrder),
        new("echo", "echoes a fragmented message whole", "a 60 000-character message sent in 4 KB frames (15 frames) comes back whole, as one message", EchoesLargeMessage),
        new("close", "answers a close", "when the client closes with 1000, the server completes the close handshake with 1000", CompletesClose),
        new("close", "rejects plain HTTP", "a plain GET /ws/echo (not a WebSocket upgrade) is refused with 400 Bad Request (or 426 Upgrade Required)", RejectsPlainHttp),
        new("page", "page shows Welcome!", "the page at / connects and shows Welcome! in #log", PageShowsWelcome) { Timeout = TimeSpan.FromSeconds(20) },
        new("page", "page sends and shows the echo", "typing in #message and clicking #send sends a WebSocket frame with the text and shows the echo in #log, without console errors", PageShowsEcho) { Timeout = TimeSpan.FromSeconds(20) },
    ];

    private static async Task<CheckOutcome> FirstMessageIsWelcome(CheckContext context)
    {
        using var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
        var first = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
        return CheckOutcome.When(first == "Welcome!", $"first message: {WebSocketProbe.Describe(first)}");
    }

    private static async Task<ClientWebSocket> ConnectPastWelcomeAsync(CheckContext context)
    {
        var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(Path), context.CancellationToken);
        // The welcome is task 1's business; here it is read and set aside so the echo can be checked on its own.
        var first = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
        if (first is null) throw new InvalidOperationException("the server closed the connection right after the handshake");
        return socket;
    }

    private static async Task<CheckOutcome> EchoesHello(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        await WebSocketProbe.SendTextAsync(socket, "hello", context.CancellationToken);
        var reply = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
        return CheckOutcome.When(reply == "hello", $"reply: {WebSocketProbe.Describe(reply)}");
    }

    private static async Task<CheckOutcome> EchoesInOrder(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        string[] sent = ["one", "two", "three"];
        foreach (var text in sent) await WebSocketProbe.SendTextAsync(socket, text, context.CancellationToken);
        var got = new List<string?>();
        for (var i = 0; i < sent.Length; i++) got.Add(await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken));
        return CheckOutcome.When(got.SequenceEqual(sent), $"replies: {string.Join(", ", got.Select(WebSocketProbe.Describe))}");
    }

    private static async Task<CheckOutcome> EchoesLargeMessage(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        // Many frames, yet under 64 KB: lab 03 (and the reference playground's /ws/echo) close larger messages with 1009.
        var big = string.Concat(Enumerable.Range(0, 6_000).Select(i => (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture) + "abcdefghi"));
        await WebSocketProbe.SendTextAsync(socket, big, context.CancellationToken, frameSize: 4096);
        var reply = await WebSocketProbe.ReceiveTextAsync(socket, context.CancellationToken);
        return CheckOutcome.When(reply == big,
            reply is null ? "the server closed the connection" : $"got one message of {reply.Length} characters{(reply == big ? "" : ", not the one sent")}");
    }

    private static async Task<CheckOutcome> CompletesClose(CheckContext context)
    {
        using var socket = await ConnectPastWelcomeAsync(context);
        try
        {
            context.Transcript.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.WebSocketFrame, WebSocketFrames.Close(WebSocketCloseStatus.NormalClosure, "bye"));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.CancellationToken);
            context.Transcript.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.WebSocketFrame, WebSocketFrames.Close(socket.CloseStatus, socket.CloseStatusDescription));
        }
        catch (WebSocketException e)
        {
            return CheckOutcome.Fail($"the connection broke instead of closing ({e.WebSocketErrorCode})");
        }
        var status = socket.CloseStatus;
        return CheckOutcome.When(socket.State == WebSocketState.Closed && status == WebSocketCloseStatus.NormalClosure,
            $"state {socket.State}, server close status {(status is null ? "none" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
    }

    private static async Task<CheckOutcome> RejectsPlainHttp(CheckContext context)
    {
        using var response = await context.Http.GetAsync(Path, context.CancellationToken);
        // 426 Upgrade Required (with an Upgrade header) is the more precise answer and what the reference sends.
        return CheckOutcome.When(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UpgradeRequired, $"HTTP {(int)response.StatusCode}");
    }

    private static Task<CheckOutcome> PageShowsWelcome(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            var sockets = PageSockets.Watch(page);
            await page.GotoAsync(context.HttpUrl("/").ToString());
            var ok = await PageProbe.WaitForTextAsync(page, "#log", "Welcome!", sockets);
            return CheckOutcome.When(ok, PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#log"), errors));
        });

    private static Task<CheckOutcome> PageShowsEcho(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 1, async (pages, errors) =>
        {
            var page = pages[0];
            // The frames the page really sends: a page that appends the typed text to #log itself shows an "echo"
            // without ever talking to the server.
            var sent = new List<string>();
            page.WebSocket += (_, socket) => socket.FrameSent += (_, frame) => { lock (sent) sent.Add(frame.Text ?? ""); };
            var sockets = PageSockets.Watch(page);
            await page.GotoAsync(context.HttpUrl("/").ToString());
            if (!await PageProbe.WaitForTextAsync(page, "#log", "Welcome!", sockets))
            {
                return CheckOutcome.Fail("the page never showed Welcome!, so it is not connected: " + await PageProbe.TextOfAsync(page, "#log"));
            }
            const string text = "ping from the grader";
            await page.FillAsync("#message", text, new() { Timeout = 3000 });
            await page.ClickAsync("#send", new() { Timeout = 3000 });
            var shown = await PageProbe.WaitForTextAsync(page, "#log", text, sockets);
            bool framed;
            lock (sent) framed = sent.Contains(text);
            bool clean;
            lock (errors) clean = errors.Count == 0;
            var observed = PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#log"), errors);
            if (shown && !framed) return CheckOutcome.Fail($"{observed}, but the page sent no WebSocket frame with the text (frames sent: {sent.Count}): the echo was faked locally");
            return CheckOutcome.When(shown && clean, observed);
        });
}
