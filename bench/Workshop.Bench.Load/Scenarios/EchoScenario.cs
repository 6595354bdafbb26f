using System.Diagnostics;
using Workshop.Bench.Load.Net;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// WebSocket echo: each client waits for the welcome message, then sends a 32-byte text and waits for its echo,
/// back to back. Figures: completed round trips per second and the round-trip time percentiles.
/// </summary>
internal static class EchoScenario
{
    private static readonly byte[] Payload = "echo-bench-0123456789abcdefghijk"u8.ToArray();

    public static async Task<WindowResult> RunAsync(int port, string path, int clients, TimeSpan ramp, TimeSpan length, CancellationToken ct)
    {
        var histogram = new LatencyHistogram();
        var window = new Window();
        long errors = 0;
        var connections = await Connections.OpenAsync(clients, _ => WsClient.ConnectAsync(port, path, null, ct));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = connections.Select(c => Task.Run(() => LoopAsync(c, window, histogram, () => Interlocked.Increment(ref errors), stop.Token))).ToArray();
        try
        {
            await window.RunAsync(ramp, length, ct);
        }
        finally
        {
            await stop.CancelAsync();
            Connections.CloseAll(connections);
            await Connections.DrainAsync(loops);
        }
        return new WindowResult(histogram.Count / window.Seconds, histogram.Percentile(50) / 1000, histogram.Percentile(99) / 1000, 1, errors);
    }

    private static async Task LoopAsync(WsClient client, Window window, LatencyHistogram histogram, Action onError, CancellationToken ct)
    {
        var (welcomeOpcode, _) = await client.ReceiveAsync(ct);
        if (welcomeOpcode != 0x1) { onError(); return; }
        // Masked once: the generator's cost per round trip is one send and one receive, so what limits it is the server.
        var frame = client.PrebuiltText(Payload);
        while (!ct.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            await client.SendPrebuiltAsync(frame, ct);
            var (opcode, echoed) = await client.ReceiveAsync(ct);
            var done = Stopwatch.GetTimestamp();
            if (opcode != 0x1 || echoed.Count != Payload.Length) { onError(); return; }
            if (window.Contains(done)) histogram.Record((done - sent) * 1_000_000 / Stopwatch.Frequency);
        }
    }
}
