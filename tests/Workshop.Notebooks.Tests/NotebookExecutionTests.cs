using Xunit.Abstractions;

namespace Workshop.Notebooks.Tests;

/// <summary>Every notebook runs top to bottom in the pinned kernel, and its key cells show what the text promises.</summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Welcome_notebook_greets_a_websocket_client()
    {
        var run = await RunAsync("00-welcome.ipynb");
        Exercises.AssertEveryCheckSaysNotDoneYet(run);

        Assert.Contains("Ready: ASP.NET Core", run.Cell("#load \"setup.csx\"").Output, StringComparison.Ordinal);
        var talk = run.Cell("// Talk to it").Output;
        Assert.Contains("Hello over plain HTTP", talk, StringComparison.Ordinal);
        Assert.Contains("Received: Welcome!", talk, StringComparison.Ordinal);
        Assert.Contains("NormalClosure", talk, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSockets_notebook_checks_the_handshake_echoes_broadcasts_and_finds_dead_peers()
    {
        var run = await RunAsync("01-websockets.ipynb");
        Exercises.AssertEveryCheckSaysNotDoneYet(run);

        Assert.Contains("-> s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", run.Cell("// Compute Sec-WebSocket-Accept").Output, StringComparison.Ordinal);
        Assert.Contains("matches: True", run.Cell("// Handshake by hand").Output, StringComparison.Ordinal);
        var frames = run.Cell("// Read and write frames by hand").Output;
        Assert.Contains("payload: \"Welcome!\"", frames, StringComparison.Ordinal);
        Assert.Contains("payload: \"Hello, frames\"", frames, StringComparison.Ordinal);
        Assert.Contains("close code 1000", frames, StringComparison.Ordinal);
        var echo = run.Cell("// Welcome and echo").Output;
        Assert.Contains("Received: Welcome!", echo, StringComparison.Ordinal);
        Assert.Contains("echoed \"¡hola!\"", echo, StringComparison.Ordinal);
        var chat = run.Cell("// Broadcast with the reference WebSocketHub").Output;
        foreach (var name in new[] { "alice", "bob", "carol" })
            Assert.Contains($"{name} received \"alice: hi all\"", chat, StringComparison.Ordinal);
        Assert.Contains("peer declared dead", run.Cell("// Ping/pong: a peer that never answers").Output, StringComparison.Ordinal);
        var healthy = run.Cell("// Ping/pong: a healthy client").Output;
        Assert.Contains("healthy client is Open", healthy, StringComparison.Ordinal);
        Assert.Contains("closed normally", healthy, StringComparison.Ordinal);
        Assert.Contains("MessageTooBig (1009)", run.Cell("// Close codes").Output, StringComparison.Ordinal);
        var auth = run.Cell("// Authenticate the handshake").Output;
        Assert.Contains("no credentials:                      refused: 401", auth, StringComparison.Ordinal);
        Assert.Contains("cookie, from our own page:           accepted: \"hello alice\"", auth, StringComparison.Ordinal);
        Assert.Contains("cookie, from a page on evil.example: refused: 403", auth, StringComparison.Ordinal);
        Assert.Contains("one-time ticket:                     accepted: \"hello alice\"", auth, StringComparison.Ordinal);
        Assert.Contains("the same ticket again (from a log):  refused: 401", auth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_sent_events_notebook_shows_the_wire_format_parses_it_and_resumes_without_loss()
    {
        var run = await RunAsync("02-server-sent-events.ipynb");
        Exercises.AssertEveryCheckSaysNotDoneYet(run);

        var bytes = run.Cell("// Serve the brief's /events").Output;
        Assert.Contains("Content-Type: text/event-stream", bytes, StringComparison.Ordinal);
        Assert.Contains("Body: data: Hello from server\\n\\n", bytes, StringComparison.Ordinal);
        var parsed = run.Cell("// Parse /fields with SseParser").Output;
        Assert.Contains("data=\"first line\\nsecond line\"", parsed, StringComparison.Ordinal);
        Assert.Contains("event type=greeting  id=1", parsed, StringComparison.Ordinal);
        Assert.Contains("ReconnectionInterval=2000 ms", parsed, StringComparison.Ordinal);
        Assert.Contains("price #3: {\"symbol\":\"CTSO\",\"price\":101.50}", run.Cell("// Read /prices").Output, StringComparison.Ordinal);
        var resume = run.Cell("// Resume after a dropped connection").Output;
        Assert.Contains("received ids: 1,2,3,4,5,6,7,8,9,10", resume, StringComparison.Ordinal);
        Assert.Contains("lost ids: none; duplicates: none", resume, StringComparison.Ordinal);
        var reference = run.Cell("// The reference broadcaster").Output;
        Assert.Contains("ids 1,2,3,4,5,6,7,8,9,10; lost: none; the client connected 2 times", reference, StringComparison.Ordinal);
        Assert.Contains("server: cutting 1 stream(s)", reference, StringComparison.Ordinal);
        var limits = run.Cell("// EventSource's limits").Output;
        Assert.Contains("without the session cookie: 401", limits, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1: 6 streams open on 6 connections; a 7th stream is still waiting", limits, StringComparison.Ordinal);
        Assert.Contains("HTTP/2:   7 streams open over 1 connection (version 2.0)", limits, StringComparison.Ordinal);
        Assert.Contains("after close() on every stream, the server has 0 open", limits, StringComparison.Ordinal);
        Assert.Contains("the match feed connected 2 times, the last answer was 204", limits, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhooks_notebook_signs_by_hand_rejects_forgeries_and_replays_and_handles_each_event_once()
    {
        var run = await RunAsync("03-webhooks.ipynb");
        Exercises.AssertEveryCheckSaysNotDoneYet(run);

        Assert.Contains("ours:     v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", run.Cell("// Sign Standard Webhooks by hand").Output, StringComparison.Ordinal);
        Assert.Contains("ours:   sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", run.Cell("// Sign GitHub style by hand").Output, StringComparison.Ordinal);
        var razorpay = run.Cell("// Verify a Razorpay payment and a GitHub push").Output;
        Assert.Matches(@"Razorpay payment\.captured:\s+valid \(event evt_R4z0rP4y\)", razorpay);
        Assert.Matches(@"Razorpay, amount changed on the way:\s+bad-signature", razorpay);
        Assert.Matches(@"Razorpay, signed with the GitHub secret:\s+bad-signature", razorpay);
        Assert.Matches(@"GitHub push:\s+valid", razorpay);
        Assert.Matches(@"GitHub push, re-serialized body:\s+bad-signature", razorpay);
        var send = run.Cell("// Send a signed webhook").Output;
        Assert.Contains("first delivery:      200", send, StringComparison.Ordinal);
        Assert.Contains("tampered amount:     401 bad-signature", send, StringComparison.Ordinal);
        Assert.Contains("wrong secret:        401 bad-signature", send, StringComparison.Ordinal);
        var raw = run.Cell("// Re-serialized JSON fails").Output;
        Assert.Contains("verify the raw body:          ok", raw, StringComparison.Ordinal);
        Assert.Contains("verify the re-serialized one: bad-signature", raw, StringComparison.Ordinal);
        var replays = run.Cell("// Replays").Output;
        Assert.Contains("captured 10 min ago: 401 stale-timestamp", replays, StringComparison.Ordinal);
        Assert.Contains("dated in an hour:    401 future-timestamp", replays, StringComparison.Ordinal);
        Assert.Contains("\"duplicate\":true", replays, StringComparison.Ordinal);
        var retries = run.Cell("// Retry with backoff").Output;
        Assert.Contains("delivered after 3 attempts", retries, StringComparison.Ordinal);
        Assert.Contains("effects of msg_007: 1", retries, StringComparison.Ordinal);
        var reference = run.Cell("// Reference sender: enqueue one delivery").Output;
        Assert.Contains("Succeeded after 2 attempt(s) in this round, 2 in its log", reference, StringComparison.Ordinal);
        Assert.Contains("attempt 1: 500", reference, StringComparison.Ordinal);
        Assert.Contains("attempt 2: 200", reference, StringComparison.Ordinal);
        Assert.Contains(": payment.captured", reference, StringComparison.Ordinal);
        var redelivered = run.Cell("// Redeliver the same event").Output;
        Assert.Matches(@"effects of msg_\S+: 1", redelivered);
        Assert.Contains("Succeeded after 1 attempt(s) in this round, 3 in its log", redelivered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_notebook_measures_all_four_transports_delivering_every_event()
    {
        var run = await RunAsync("04-choosing-a-protocol.ipynb");
        Exercises.AssertEveryCheckSaysNotDoneYet(run);

        var table = run.Cell("// The results").Output;
        foreach (var transport in new[] { "WebSocket", "SSE", "Webhook", "Polling" })
        {
            Assert.Matches($@"(?m)^{transport}\s+40/40\s", table);
        }
        Assert.Contains("polling every 100 ms: median latency", run.Cell("// Try it: poll less often").Output, StringComparison.Ordinal);
        var rare = System.Text.RegularExpressions.Regex.Match(run.Cell("// Rare events").Output, @"5 events in (\d+) GET requests, (\d+) of them answered with nothing new");
        Assert.True(rare.Success && int.Parse(rare.Groups[2].Value) > 0, $"Rare events should leave empty polls: {run.Cell("// Rare events").Output}");
        var tls = run.Cell("// TLS: the same endpoints").Output;
        Assert.Contains("wss://  -> hello over https, TLS Tls", tls, StringComparison.Ordinal);
        Assert.Contains("https:// -> data: hello over https", tls, StringComparison.Ordinal);
        Assert.Contains("ordinary trust store -> refused", tls, StringComparison.Ordinal);
        Assert.Matches(@"opens ws://shop\.example/live\s+blocked \(mixed content\)", tls);
    }

    private async Task<NotebookRun> RunAsync(string fileName)
    {
        var run = await NotebookRunner.RunAsync(fileName);
        output.WriteLine($"{fileName}: {run.Elapsed.TotalSeconds:0.0} s in total");
        foreach (var cell in run.Cells) output.WriteLine($"  {cell.Elapsed.TotalSeconds,5:0.00} s  {cell}");
        return run;
    }
}
