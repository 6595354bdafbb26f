using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Webhook sender, end to end: N deliveries are enqueued through the playground's sender API (each one a durable
/// row in the SQLite outbox) and the dispatcher posts them, signed, to a sink (the raw peer, on the generator
/// core) that counts what it receives. Figure: deliveries received per second from the first enqueue until the
/// last one arrives (or the deadline); share = received ÷ N.
/// </summary>
internal static class SenderScenario
{
    public static async Task<WindowResult> RunAsync(int senderPort, int sinkPort, int count, TimeSpan deadline, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var sink = new Uri($"http://127.0.0.1:{sinkPort}/");
        var before = await CountAsync(http, sink, ct);
        var started = Stopwatch.StartNew();
        CpuProbe.Current?.Start();
        long refused = 0;
        using var gate = new SemaphoreSlim(16);
        var enqueues = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{senderPort}/api/sender/deliveries"),
                    new { url = new Uri(sink, "sink/" + i.ToString(CultureInfo.InvariantCulture)).AbsoluteUri, eventType = "push" }, ct);
                if ((int)response.StatusCode != 202) Interlocked.Increment(ref refused);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        await Task.WhenAll(enqueues);
        var enqueued = started.Elapsed;
        long received = 0;
        while (started.Elapsed < deadline)
        {
            received = await CountAsync(http, sink, ct) - before;
            if (received >= count - refused) break;
            await Task.Delay(50, ct);
        }
        var elapsed = started.Elapsed.TotalSeconds;
        CpuProbe.Current?.Stop();
        return new WindowResult(received / elapsed, double.NaN, double.NaN, (double)received / count, refused,
            $"{count} enqueued in {enqueued.TotalSeconds:0.0} s ({count / enqueued.TotalSeconds:0}/s), {received} received in {elapsed:0.0} s");
    }

    private static async Task<long> CountAsync(HttpClient http, Uri sink, CancellationToken ct) =>
        long.Parse(await http.GetStringAsync(new Uri(sink, "count"), ct), CultureInfo.InvariantCulture);
}
