using System.Diagnostics;
using Workshop.Bench.Load.Net;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// WebSocket echo at a fixed rate (light load): each client sends its 32-byte message on a schedule (rate ÷ clients
/// a second, the clients' schedules spread over one interval) and waits for the echo, so the server is offered a
/// steady rate far below saturation. Figures: round trips per second, the share of the offered ones completed in the
/// window, round-trip percentiles (from the send; a client behind its schedule catches up back to back, and that
/// wait is not counted) and, with the window's server CPU, the server's CPU per round trip.
/// </summary>
internal static class PacedEchoScenario
{
    private static readonly byte[] Payload = "echo-bench-0123456789abcdefghijk"u8.ToArray();

    public static async Task<WindowResult> RunAsync(int port, string path, int clients, double perSecond, TimeSpan ramp, TimeSpan length, CancellationToken ct)
    {
        var histogram = new LatencyHistogram();
        var window = new Window();
        long errors = 0;
        var connections = await Connections.OpenAsync(clients, _ => WsClient.ConnectAsync(port, path, null, ct));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var interval = (long)(Stopwatch.Frequency * clients / perSecond);
        var start = Stopwatch.GetTimestamp();
        var loops = connections.Select((c, i) => Task.Run(() =>
            LoopAsync(c, start + (interval * i / clients), interval, window, histogram, () => Interlocked.Increment(ref errors), stop.Token))).ToArray();
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
        var offered = perSecond * window.Seconds;
        return new WindowResult(histogram.Count / window.Seconds, histogram.Percentile(50) / 1000, histogram.Percentile(99) / 1000,
            offered <= 0 ? double.NaN : Math.Min(1, histogram.Count / offered), errors, $"offered {perSecond:0}/s by {clients} clients");
    }

    private static async Task LoopAsync(WsClient client, long first, long interval, Window window, LatencyHistogram histogram, Action onError, CancellationToken ct)
    {
        var (welcomeOpcode, _) = await client.ReceiveAsync(ct);
        if (welcomeOpcode != 0x1) { onError(); return; }
        var frame = client.PrebuiltText(Payload);
        var due = first;
        while (!ct.IsCancellationRequested)
        {
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct);
            var sent = Stopwatch.GetTimestamp();
            await client.SendPrebuiltAsync(frame, ct);
            var (opcode, echoed) = await client.ReceiveAsync(ct);
            var done = Stopwatch.GetTimestamp();
            if (opcode != 0x1 || echoed.Count != Payload.Length) { onError(); return; }
            if (window.Contains(done)) histogram.Record((done - sent) * 1_000_000 / Stopwatch.Frequency);
            due += interval;
        }
    }
}
