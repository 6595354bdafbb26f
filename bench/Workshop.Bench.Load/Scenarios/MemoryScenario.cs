using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Memory per idle connection: the server's resident set (VmRSS) is read after a settle, N connections are
/// opened (WebSockets have received their welcome, SSE streams their first event), it is read again after the
/// same settle, and the delta is divided by N. The connections are closed afterwards.
/// </summary>
internal static class MemoryScenario
{
    public static async Task<WindowResult> RunAsync(ServerProcess server, Target target, bool sse, int count, TimeSpan settle, CancellationToken ct)
    {
        await Task.Delay(settle, ct);
        var before = server.RssKb();
        IDisposable[] connections = sse
            ? await Connections.OpenAsync(count, _ => SseClient.ConnectAsync(server.Port, target.SsePath, ct))
            : await Connections.OpenAsync(count, async _ =>
            {
                var client = await WsClient.ConnectAsync(server.Port, target.EchoPath, null, ct);
                await client.ReceiveAsync(ct);
                return client;
            });
        try
        {
            await Task.Delay(settle, ct);
            var after = server.RssKb();
            return new WindowResult((after - before) / (double)count, double.NaN, double.NaN, 1, 0, $"RSS {before / 1024} → {after / 1024} MB");
        }
        finally
        {
            Connections.CloseAll(connections);
        }
    }
}
