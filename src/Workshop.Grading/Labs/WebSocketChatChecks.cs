using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 02: a broadcast chat room on <c>/ws/chat?name=…</c> with join/leave notices, and a page where two tabs see
/// each other. Server messages are JSON: <c>{"type":"join"|"leave"|"message","name":…,"text":…}</c>.
/// </summary>
public sealed class WebSocketChatChecks : ILabCheckSet
{
    /// <inheritdoc />
    public string LabId => "02";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("join", "a name is required", "a WebSocket upgrade to /ws/chat without ?name= is refused with 400 Bad Request", RequiresName),
        new("join", "join notice to everyone", "when Bob joins, Alice (already in) and Bob himself receive {\"type\":\"join\",\"name\":\"Bob\"}", AnnouncesJoin),
        new("broadcast", "message reaches every member", "Alice's \"hi\" reaches Alice and Bob as {\"type\":\"message\",\"name\":\"Alice\",\"text\":\"hi\"}", BroadcastsMessage),
        new("broadcast", "messages keep their order", "20 messages from Alice reach Bob in the order sent", KeepsOrder),
        new("leave", "leave notice on close", "when Bob closes, Alice receives {\"type\":\"leave\",\"name\":\"Bob\"}", AnnouncesLeaveOnClose),
        new("leave", "a vanished member is dropped", "when Bob's connection dies without a close, Alice gets his leave notice and the room keeps working", DropsDeadMember),
        new("page", "two tabs chat", "in two tabs, Alice and Bob join with #name and #join; Alice's #message/#send shows \"Alice: hi\" in Bob's #messages", TwoTabsChat) { Timeout = TimeSpan.FromSeconds(25) },
    ];

    private static string Url(string name) => $"/ws/chat?name={Uri.EscapeDataString(name)}";

    private static bool Is(string json, string type, string name, string? text = null)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var t) && t.GetString() == type
                && root.TryGetProperty("name", out var n) && n.GetString() == name
                && (text is null || (root.TryGetProperty("text", out var x) && x.GetString() == text));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Seen(List<string> seen) => seen.Count == 0 ? "nothing" : string.Join(", ", seen.TakeLast(4).Select(WebSocketProbe.Describe));

    private static async Task<CheckOutcome> RequiresName(CheckContext context)
    {
        // A real upgrade request without a name: a plain GET would get 400 for not being a WebSocket request at all.
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        context.Transcript.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest, "GET /ws/chat (WebSocket upgrade, no name)");
        try
        {
            await socket.ConnectAsync(context.WsUrl("/ws/chat"), context.CancellationToken);
            context.Transcript.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, "101 Switching Protocols");
            return CheckOutcome.Fail("the server accepted a WebSocket without a name");
        }
        catch (WebSocketException)
        {
            var status = (int)socket.HttpStatusCode;
            context.Transcript.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, $"{status} (handshake refused)");
            return CheckOutcome.When(socket.HttpStatusCode == HttpStatusCode.BadRequest, $"the handshake was refused with HTTP {status}");
        }
    }

    /// <summary>Waits (within the check's deadline) for a matching message; a miss is reported, not thrown.</summary>
    private static async Task<(bool Ok, string Observed)> ExpectAsync(WebSocketInbox inbox, string who, Func<string, bool> match, CancellationToken token,
        TimeSpan? within = null)
    {
        var seen = new List<string>();
        var limit = within ?? TimeSpan.FromSeconds(4);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        wait.CancelAfter(limit);
        try
        {
            var hit = await inbox.ReceiveUntilAsync(match, seen, wait.Token);
            if (hit is not null) return (true, $"{who} got {WebSocketProbe.Describe(hit)}");
            return (false, inbox.Failure is { } broke
                ? $"{who}'s connection broke ({broke.WebSocketErrorCode}) after {Seen(seen)}"
                : $"{who}'s connection closed after {Seen(seen)}");
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (false, $"{who} got {Seen(seen)} within {limit.TotalSeconds:0} s");
        }
    }

    /// <summary>A member: the socket and its inbox (receiving in the background from the start).</summary>
    private sealed record Member(ClientWebSocket Socket, WebSocketInbox Inbox) : IDisposable
    {
        public void Dispose() => Socket.Dispose();
    }

    private static async Task<Member> JoinAsync(CheckContext context, string name)
    {
        var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(Url(name)), context.CancellationToken);
        return new Member(socket, new WebSocketInbox(socket, context.CancellationToken));
    }

    private static async Task<CheckOutcome> AnnouncesJoin(CheckContext context)
    {
        var token = context.CancellationToken;
        using var alice = await JoinAsync(context, "Alice");
        var (aliceSelf, aliceSelfSeen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "join", "Alice"), token);
        if (!aliceSelf) return CheckOutcome.Fail(aliceSelfSeen + " (expected her own join notice)");
        using var bob = await JoinAsync(context, "Bob");
        var (aliceOk, aliceSeen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "join", "Bob"), token);
        var (bobOk, bobSeen) = await ExpectAsync(bob.Inbox, "Bob", m => Is(m, "join", "Bob"), token);
        return CheckOutcome.When(aliceOk && bobOk, $"{aliceSeen}; {bobSeen}");
    }

    /// <summary>
    /// Alice, then Bob. The 101 can arrive before the server has put the new member in the room, so each join waits
    /// (briefly, best effort) for the join notice that shows the member is in; without join notices (another task)
    /// the pair is still made, only without that certainty, so this task's verdict stays about this task.
    /// </summary>
    private static async Task<(Member Alice, Member Bob)> PairAsync(CheckContext context, string bobName = "Bob")
    {
        var token = context.CancellationToken;
        var ready = TimeSpan.FromSeconds(2);
        var alice = await JoinAsync(context, "Alice");
        await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "join", "Alice"), token, ready);
        var bob = await JoinAsync(context, bobName);
        await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "join", bobName), token, ready);
        return (alice, bob);
    }

    private static async Task<CheckOutcome> BroadcastsMessage(CheckContext context)
    {
        var (alice, bob) = await PairAsync(context);
        using (alice)
        using (bob)
        {
            await WebSocketProbe.SendTextAsync(alice.Socket, "hi", context.CancellationToken);
            var (bobOk, bobSeen) = await ExpectAsync(bob.Inbox, "Bob", m => Is(m, "message", "Alice", "hi"), context.CancellationToken);
            var (aliceOk, aliceSeen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "message", "Alice", "hi"), context.CancellationToken);
            return CheckOutcome.When(aliceOk && bobOk, $"{bobSeen}; {aliceSeen}");
        }
    }

    private static async Task<CheckOutcome> KeepsOrder(CheckContext context)
    {
        var (alice, bob) = await PairAsync(context);
        using (alice)
        using (bob)
        {
            for (var i = 0; i < 20; i++) await WebSocketProbe.SendTextAsync(alice.Socket, $"m{i}", context.CancellationToken);
            var order = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var expected = $"m{i}";
                var (ok, seen) = await ExpectAsync(bob.Inbox, "Bob", m => Is(m, "message", "Alice") && m.Contains("\"m", StringComparison.Ordinal), context.CancellationToken);
                if (!ok) return CheckOutcome.Fail($"after {order.Count} messages: {seen}");
                order.Add(seen);
                if (!seen.Contains($"\"{expected}\"", StringComparison.Ordinal)) return CheckOutcome.Fail($"message {i}: expected text {expected}, {seen}");
            }
            return CheckOutcome.Pass("Bob got m0 … m19 in order");
        }
    }

    private static async Task<CheckOutcome> AnnouncesLeaveOnClose(CheckContext context)
    {
        var (alice, bob) = await PairAsync(context);
        using (alice)
        using (bob)
        {
            await bob.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", context.CancellationToken);
            var (ok, seen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "leave", "Bob"), context.CancellationToken);
            return CheckOutcome.When(ok, seen);
        }
    }

    private static async Task<CheckOutcome> DropsDeadMember(CheckContext context)
    {
        var (alice, bob) = await PairAsync(context, "Ghost");
        using (alice)
        {
            bob.Socket.Abort(); // the TCP connection goes away without a close frame, as when a laptop lid shuts
            bob.Dispose();
            var (left, leftSeen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "leave", "Ghost"), context.CancellationToken);
            if (!left) return CheckOutcome.Fail(leftSeen);
            await WebSocketProbe.SendTextAsync(alice.Socket, "still here?", context.CancellationToken);
            var (ok, seen) = await ExpectAsync(alice.Inbox, "Alice", m => Is(m, "message", "Alice", "still here?"), context.CancellationToken);
            return CheckOutcome.When(ok, $"{leftSeen}; then {seen}");
        }
    }

    private static Task<CheckOutcome> TwoTabsChat(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 2, async (pages, errors) =>
        {
            var (alice, bob) = (pages[0], pages[1]);
            foreach (var (page, name) in new[] { (alice, "Alice"), (bob, "Bob") })
            {
                await page.GotoAsync(context.HttpUrl("/").ToString());
                await page.FillAsync("#name", name, new() { Timeout = 3000 });
                await page.ClickAsync("#join", new() { Timeout = 3000 });
            }
            if (!await PageProbe.WaitForTextAsync(alice, "#messages", "Bob joined"))
            {
                return CheckOutcome.Fail("Alice's tab never showed \"Bob joined\": " + PageProbe.WithErrors(await PageProbe.TextOfAsync(alice, "#messages"), errors));
            }
            await alice.FillAsync("#message", "hi", new() { Timeout = 3000 });
            await alice.ClickAsync("#send", new() { Timeout = 3000 });
            var ok = await PageProbe.WaitForTextAsync(bob, "#messages", "Alice: hi");
            lock (errors) ok &= errors.Count == 0;
            return CheckOutcome.When(ok, "Bob's tab: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(bob, "#messages"), errors));
        });
}
