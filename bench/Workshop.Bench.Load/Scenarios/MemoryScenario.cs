using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Memory per idle connection: the server's resident set (VmRSS) is read after a settle, N connections are
/// opened (WebSockets have received their welcome, SSE streams their first event), it is read again after the
/// same settle, and the delta is divided by N. The connections are closed afterwards. The driver starts the server
/// afresh for every round; a few connections opened and closed first load the code that serving one needs (the JIT's
/// output, Node's compiled handlers), which is the process' cost, not a connection's.
/// </summary>
internal static class MemoryScenario
{
    public static async Task<WindowResult> RunAsync(ServerProcess server, Target target, bool sse, int count, TimeSpan settle, CancellationToken ct)
    {
        Connections.CloseAll(await OpenAsync(server, target, sse, WarmUpConnections, ct));
        await Task.Delay(settle, ct);
        var before = server.RssKb();
        var connections = await OpenAsync(server, target, sse, count, ct);
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

    private const int WarmUpConnections = 16;

    private static async Task<IDisposable[]> OpenAsync(ServerProcess server, Target target, bool sse, int count, CancellationToken ct) => sse
        ? await Connections.OpenAsync(count, _ => SseClient.ConnectAsync(server.Port, target.SsePath, ct))
        : await Connections.OpenAsync(count, async _ =>
        {
            var client = await WsClient.ConnectAsync(server.Port, target.EchoPath, null, ct);
            await client.ReceiveAsync(ct);
            return (IDisposable)client;
        });
}
