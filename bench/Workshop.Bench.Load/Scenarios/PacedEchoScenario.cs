using System.Collections.Concurrent;
using System.Diagnostics;
using Workshop.Bench.Load.Net;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// WebSocket echo at a fixed rate (light load): one pacer wakes every millisecond and sends what is due since the
/// start, message k on client k mod N (a frame masked once per client), without waiting for earlier echoes; each
/// client's receive loop matches echoes to its send times in order. So the server is offered a steady rate far below
/// saturation, and the generator pays one timer wake-up a millisecond instead of one per message. Figures: round trips
/// per second, the share of the offered ones completed in the window, round-trip percentiles (send to echo) and, with
/// the window's server CPU, the server's CPU per round trip. A client with <see cref="MaxInFlight"/> echoes
/// outstanding is skipped (counted as not completed), so a stalled server cannot grow the generator's queues.
/// </summary>
internal static class PacedEchoScenario
{
    private const int MaxInFlight = 64;
    private static readonly byte[] Payload = "echo-bench-0123456789abcdefghijk"u8.ToArray();

    public static async Task<WindowResult> RunAsync(int port, string path, int clients, double perSecond, TimeSpan ramp, TimeSpan length, CancellationToken ct)
    {
        var histogram = new LatencyHistogram();
        var window = new Window();
        long errors = 0;
        var connections = await Connections.OpenAsync(clients, _ => WsClient.ConnectAsync(port, path, null, ct));
        var pending = connections.Select(_ => new ConcurrentQueue<long>()).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var welcomed = new TaskCompletionSource[clients];
        var loops = connections.Select((c, i) =>
        {
            welcomed[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Task.Run(() => ReceiveAsync(c, welcomed[i], pending[i], window, histogram, () => Interlocked.Increment(ref errors), stop.Token));
        }).ToList();
        await Task.WhenAll(welcomed.Select(w => w.Task)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        var frames = connections.Select(c => c.PrebuiltText(Payload)).ToArray();
        loops.Add(Task.Run(() => PaceAsync(connections, frames, pending, perSecond, () => Interlocked.Increment(ref errors), stop.Token)));
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
            offered <= 0 ? double.NaN : Math.Min(1, histogram.Count / offered), errors, $"offered {perSecond:0}/s over {clients} clients");
    }

    private static async Task PaceAsync(WsClient[] clients, byte[][] frames, ConcurrentQueue<long>[] pending, double perSecond, Action onError, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond);
            for (; sent < due && !ct.IsCancellationRequested; sent++)
            {
                var i = (int)(sent % clients.Length);
                if (pending[i].Count >= MaxInFlight) continue;
                pending[i].Enqueue(Stopwatch.GetTimestamp());
                try
                {
                    await clients[i].SendPrebuiltAsync(frames[i], ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    onError();
                }
            }
            try { await Task.Delay(1, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static async Task ReceiveAsync(WsClient client, TaskCompletionSource welcomed, ConcurrentQueue<long> pending, Window window, LatencyHistogram histogram, Action onError, CancellationToken ct)
    {
        var (welcomeOpcode, _) = await client.ReceiveAsync(ct);
        if (welcomeOpcode != 0x1) { onError(); welcomed.TrySetResult(); return; }
        welcomed.TrySetResult();
        while (!ct.IsCancellationRequested)
        {
            var (opcode, echoed) = await client.ReceiveAsync(ct);
            var done = Stopwatch.GetTimestamp();
            if (opcode == 0x8) return;
            if (opcode != 0x1 || echoed.Count != Payload.Length || !pending.TryDequeue(out var sent)) { onError(); return; }
            if (window.Contains(done)) histogram.Record((done - sent) * 1_000_000 / Stopwatch.Frequency);
        }
    }
}
