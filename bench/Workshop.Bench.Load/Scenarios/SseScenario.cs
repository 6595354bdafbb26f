using System.Net.Http.Headers;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Server-Sent Events fan-out: N subscribers hold a stream open, the generator publishes events over HTTP at a
/// fixed rate (up to 64 requests in flight, so a slow answer does not lower the offered rate at once), the server writes each to every stream.
/// With several endpoints the subscribers alternate between them and every publish goes to the first. Figures as for broadcast.
/// </summary>
internal static class SseScenario
{
    public static async Task<WindowResult> RunAsync(IReadOnlyList<int> ports, Target target, int clients, double perSecond, int size,
        TimeSpan ramp, TimeSpan length, TimeSpan drain, CancellationToken ct)
    {
        var window = new Window();
        var deliveries = new Deliveries(window);
        var subscribers = await Connections.OpenAsync(clients, i => SseClient.ConnectAsync(ClientSplit.PortOf(i, ports), target.SsePath, ct));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var inFlight = new SemaphoreSlim(64);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopPublishing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long failedPublishes = 0;
        var loops = subscribers.Select(s => Task.Run(() => s.RunAsync(new MarkerScanner(deliveries.OnMarker), stop.Token))).ToList();
        var publisher = new Publisher(perSecond, size, window);
        var pending = new List<Task>();
        var publishing = Task.Run(() => publisher.RunAsync(async marker =>
        {
            await inFlight.WaitAsync(stopPublishing.Token);
            var post = PostAsync(http, target, marker, inFlight, () => Interlocked.Increment(ref failedPublishes));
            lock (pending) pending.Add(post);
        }, stopPublishing.Token));
        try
        {
            await window.RunAsync(ramp, length, ct);
            await stopPublishing.CancelAsync();
            await publishing;
            await Task.Delay(drain, ct);
        }
        finally
        {
            await stopPublishing.CancelAsync();
            await stop.CancelAsync();
            Connections.CloseAll(subscribers);
            Task[] posts;
            lock (pending) posts = [.. pending];
            await Connections.DrainAsync(loops.Append(publishing).Concat(posts));
        }
        return deliveries.Result(publisher.PublishedInWindow, perSecond, clients, publisher.Errors + Interlocked.Read(ref failedPublishes));
    }

    private static async Task PostAsync(HttpClient http, Target target, byte[] marker, SemaphoreSlim inFlight, Action onFailure)
    {
        try
        {
            using var content = new ByteArrayContent(target.SsePublishBody(marker));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(target.SsePublishContentType);
            using var response = await http.PostAsync(new Uri(target.SsePublishPath, UriKind.Relative), content);
            if (!response.IsSuccessStatusCode) onFailure();
        }
        catch (HttpRequestException)
        {
            onFailure();
        }
        catch (TaskCanceledException)
        {
            onFailure();
        }
        finally
        {
            inFlight.Release();
        }
    }
}
