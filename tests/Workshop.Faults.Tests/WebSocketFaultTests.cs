using System.Diagnostics;
using System.Net.WebSockets;
using Workshop.Protocols.WebSockets;
using Workshop.Testing;
using Workshop.Testing.WebSockets;

namespace Workshop.Faults.Tests;

/// <summary>WebSocket peers that misbehave among many well-behaved ones.</summary>
public sealed class WebSocketFaultTests(ITestOutputHelper output, FigureLog figures) : IClassFixture<FigureLog>
{
    private const int MessageBytes = 1024;

    [Fact]
    public async Task A_client_that_never_reads_among_many_is_dropped_and_the_others_p99_stays_within_1_5x()
    {
        var clients = Figures.Count("WORKSHOP_FAULT_WS_CLIENTS", 1000);
        var messages = Figures.Count("WORKSHOP_FAULT_WS_MESSAGES", 250);
        const int rate = 50; // broadcasts per second
        await using var server = await FaultServer.StartAsync(new() { ["WebSockets:SendQueueCapacity"] = "64" });
        var connecting = Stopwatch.StartNew();
        await using var readers = await BroadcastReaders.ConnectAsync(server.Room, clients);
        await Eventually.HoldsAsync(() => server.Hub.MembersOf("r").Count == clients, $"{clients} clients joined", TimeSpan.FromSeconds(60));
        Report($"{clients} clients connected in {connecting.Elapsed.TotalSeconds:0.0} s; {messages} broadcasts of {MessageBytes} bytes at {rate}/s per phase");
        await RunPhaseAsync(server, readers, 0, 150, rate); // warm-up (JIT, pools, TCP windows), not measured

        var before = Memory();
        var baseline = await RunPhaseAsync(server, readers, 1, messages, rate);
        var (withStalled, stalledStatus, dropped) = await RunWithStalledClientAsync(server, readers, 2, clients, messages, rate);
        var after = await RunPhaseAsync(server, readers, 3, messages, rate);
        var afterMemory = Memory();

        var reference = Math.Max(baseline.P99, after.P99);
        Report($"baseline: {baseline}");
        Report($"with the stalled client: {withStalled}; stalled client closed {stalledStatus} after {dropped.TotalSeconds:0.00} s");
        Report($"baseline again: {after}");
        Report($"p99 with / without: {withStalled.P99 / reference:0.00}x (limit 1.5x); managed heap {before / 1048576.0:0.0} MB -> {afterMemory / 1048576.0:0.0} MB");
        if (withStalled.P99 > 1.5 * reference)
        {
            // A shared CI machine can stall every client at once for a moment (another process, a GC): one p99
            // over 5 s then says more about the machine than about the stalled client. A second, fresh run of the
            // same phase decides; a real effect of the stalled client shows in both.
            (withStalled, stalledStatus, dropped) = await RunWithStalledClientAsync(server, readers, 4, clients, messages, rate);
            Report($"second run with a stalled client: {withStalled}; closed {stalledStatus} after {dropped.TotalSeconds:0.00} s; p99 {withStalled.P99 / reference:0.00}x");
        }
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stalledStatus);
        Assert.Equal(0, baseline.Lost + withStalled.Lost + after.Lost);
        Assert.True(withStalled.P99 <= 1.5 * reference, $"p99 {withStalled.P99:0.0} ms with the stalled client vs {reference:0.0} ms without");
        // Bounded, not zero: when every reader falls behind for a moment (a stall of this shared machine), Kestrel's
        // memory pool grows by up to its per-connection response buffer (64 KB) for each of them and keeps the
        // blocks. Growth beyond that (a leak per message or per connection) fails; the stalled client's own backlog is
        // bounded by its 1008 drop, asserted above.
        var bound = clients * 64L * 1024 + 64 * 1048576L;
        Assert.True(afterMemory - before < bound, $"server memory grew by {(afterMemory - before) / 1048576.0:0.0} MB (bound {bound / 1048576.0:0} MB)");
    }

    /// <summary>A client that never reads joins, a phase runs, and the server must drop it (1008) and remove it.</summary>
    private static async Task<(PhaseFigures Phase, WebSocketCloseStatus? Status, TimeSpan Dropped)> RunWithStalledClientAsync(
        FaultServer server, BroadcastReaders readers, int phase, int clients, int messages, int rate)
    {
        var readerConnections = server.Hub.MembersOf("r").Select(m => m.Connection).ToHashSet();
        using var stalled = await FaultServer.ConnectAsync(server.Room, receiveBuffer: 4096); // never reads
        await Eventually.HoldsAsync(() => server.Hub.MembersOf("r").Count == clients + 1, "the stalled client joined");
        var stalledMember = server.Hub.MembersOf("r").Single(m => !readerConnections.Contains(m.Connection));
        var clock = Stopwatch.StartNew();
        var figures = await RunPhaseAsync(server, readers, phase, messages, rate);
        await Eventually.HoldsAsync(() => stalledMember.Connection.IsClosing, "the stalled client is dropped");
        var dropped = clock.Elapsed;
        await Eventually.HoldsAsync(() => server.Hub.MembersOf("r").Count == clients, "the stalled client left the room", TimeSpan.FromSeconds(30));
        return (figures, stalledMember.Connection.CloseStatus, dropped);
    }

    [Fact]
    public async Task A_half_open_peer_among_busy_clients_is_dropped_within_keep_alive_interval_plus_timeout()
    {
        // Extends the WebSocket helper's half-open test (Workshop.Protocols.Tests) with load: 100 busy readers.
        var interval = TimeSpan.FromMilliseconds(500);
        var timeout = TimeSpan.FromSeconds(1);
        await using var server = await FaultServer.StartAsync(new()
        {
            ["WebSockets:KeepAliveInterval"] = interval.ToString(),
            ["WebSockets:KeepAliveTimeout"] = timeout.ToString(),
        });
        await using var readers = await BroadcastReaders.ConnectAsync(server.Room, 100);
        using var silent = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/room");
        Assert.Equal(101, silent.Status);
        var clock = Stopwatch.StartNew();
        var dropping = silent.ReadFramesUntilDroppedAsync();
        var load = RunPhaseAsync(server, readers, 1, 200, 100);
        var opcodes = await Eventually.WithinAsync(dropping, "the server to drop the half-open peer");
        var dropped = clock.Elapsed;
        var phase = await load;

        Report($"half-open peer dropped after {dropped.TotalMilliseconds:0} ms (interval {interval.TotalMilliseconds:0} ms + timeout {timeout.TotalMilliseconds:0} ms); pings seen: {opcodes.Count(o => o == 0x9)}");
        Report($"busy readers meanwhile: {phase}");
        Assert.Contains(0x9, opcodes);
        Assert.DoesNotContain(0x8, opcodes); // aborted by the keep-alive timeout, not closed politely
        Assert.InRange(dropped, TimeSpan.Zero, interval + timeout + TimeSpan.FromSeconds(3)); // slack for a loaded CI machine
        Assert.Equal(0, phase.Lost);
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<PhaseFigures> RunPhaseAsync(FaultServer server, BroadcastReaders readers, int phase, int messages, int rate)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            // Paced against the clock, not by sleeping a fixed time per message (timer granularity would drift).
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            server.Hub.Broadcast("r", OutboundMessage.Binary(BroadcastReaders.Stamp(phase, i, MessageBytes)));
        }
        var expected = (long)messages * readers.Count;
        try
        {
            await Eventually.HoldsAsync(() => readers.Received(phase) >= expected, $"phase {phase}: every reader got every message", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Reported as lost below.
        }
        var latencies = readers.Latencies(phase);
        return new PhaseFigures(readers.Count, expected, readers.Received(phase), Figures.Percentile(latencies, 50), Figures.Percentile(latencies, 99), Figures.Percentile(latencies, 100));
    }

    private void Report(string line) => figures.Write(output, "websockets", line);
}
