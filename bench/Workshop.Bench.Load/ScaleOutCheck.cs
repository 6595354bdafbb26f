using System.Diagnostics;
using System.Net.Http.Headers;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load;

/// <summary>
/// Before the scale-out scenarios are timed: a broadcast message published on instance A must reach a WebSocket
/// client on instance B, and an event published on A must reach an SSE subscriber on B. Without that the
/// two-instance figures would measure two unconnected servers, so a failure stops those scenarios.
/// </summary>
internal static class ScaleOutCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>One line per protocol, "ok (…)" or "FAILED (…)", for the results file's sanity checks.</summary>
    public static async Task<string[]> RunAsync(int portA, int portB, Target target, CancellationToken ct) =>
    [
        "scale-out A → B, WebSocket: " + await WebSocketAsync(portA, portB, target, ct),
        "scale-out A → B, SSE: " + await SseAsync(portA, portB, target, ct),
    ];

    private static async Task<string> WebSocketAsync(int portA, int portB, Target target, CancellationToken ct)
    {
        using var onB = await WsClient.ConnectAsync(portB, target.BroadcastPath, target.BroadcastSubprotocol, ct);
        using var onA = await WsClient.ConnectAsync(portA, target.BroadcastPath, target.BroadcastSubprotocol, ct);
        return await CrossAsync("WebSocket broadcast", async (scanner, token) =>
        {
            while (true)
            {
                var (opcode, payload) = await onB.ReceiveAsync(token);
                if (opcode == 0x8) return;
                scanner.Feed(payload);
            }
        }, (marker, token) => onA.SendTextAsync(target.BroadcastMessage(marker), token).AsTask(), ct);
    }

    private static async Task<string> SseAsync(int portA, int portB, Target target, CancellationToken ct)
    {
        using var onB = await SseClient.ConnectAsync(portB, target.SsePath, ct);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portA}"), Timeout = TimeSpan.FromSeconds(5) };
        return await CrossAsync("SSE event", onB.RunAsync, async (marker, token) =>
        {
            using var content = new ByteArrayContent(target.SsePublishBody(marker));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(target.SsePublishContentType);
            using var response = await http.PostAsync(new Uri(target.SsePublishPath, UriKind.Relative), content, token);
            response.EnsureSuccessStatusCode();
        }, ct);
    }

    /// <summary>
    /// Publishes a fresh marker on A every 250 ms (B's subscription to the Redis channel may still be starting)
    /// until one of them arrives on B, or the deadline passes.
    /// </summary>
    private static async Task<string> CrossAsync(string what, Func<MarkerScanner, CancellationToken, Task> receiveOnB,
        Func<byte[], CancellationToken, Task> publishOnA, CancellationToken ct)
    {
        var sent = new HashSet<long>();
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scanner = new MarkerScanner(ticks => { lock (sent) if (sent.Contains(ticks)) arrived.TrySetResult(ticks); });
        var receiving = Task.Run(() => receiveOnB(scanner, stop.Token), stop.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < Deadline && !arrived.Task.IsCompleted)
            {
                var ticks = Stopwatch.GetTimestamp();
                lock (sent) sent.Add(ticks);
                await publishOnA(Marker.Create(ticks, 64), stop.Token);
                await Task.WhenAny(arrived.Task, receiving, Task.Delay(250, stop.Token));
                if (receiving.IsCompleted && !arrived.Task.IsCompleted) break;
            }
            if (!arrived.Task.IsCompleted)
                return $"FAILED (no {what} published on A arrived on B within {clock.Elapsed.TotalSeconds:0.#} s: {sent.Count} sent{(receiving.IsFaulted ? ", B's connection failed: " + receiving.Exception!.InnerException!.Message : "")})";
            var latency = Marker.MicrosSince(await arrived.Task) / 1000.0;
            return $"ok ({what} published on A arrived on B, {latency:0.0} ms after its publish, {sent.Count} publish(es) needed)";
        }
        finally
        {
            await stop.CancelAsync();
            try { await receiving; }
            catch (Exception e) when (e is OperationCanceledException or System.Net.Sockets.SocketException or ObjectDisposedException) { }
        }
    }
}
