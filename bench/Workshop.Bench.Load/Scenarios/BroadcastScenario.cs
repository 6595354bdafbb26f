using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// WebSocket broadcast: N clients listen, one extra connection publishes at a fixed rate, the server sends every
/// message to every client. With several endpoints (the scale-out set-up) the clients alternate between them and
/// the publisher uses the first, so the other instances get their messages through the backplane. Figures: deliveries per second of messages published in the window, the share of
/// them that arrived before the drain ended, and publish-to-receive percentiles.
/// </summary>
internal static class BroadcastScenario
{
    public static async Task<WindowResult> RunAsync(IReadOnlyList<int> ports, Target target, int clients, double perSecond, int size,
        TimeSpan ramp, TimeSpan length, TimeSpan drain, CancellationToken ct)
    {
        var window = new Window();
        var deliveries = new Deliveries(window);
        var listeners = await Connections.OpenAsync(clients, async i =>
        {
            var client = await WsClient.ConnectAsync(ClientSplit.PortOf(i, ports), target.BroadcastPath, target.BroadcastSubprotocol, ct);
            if (target.BroadcastJoin is { } join) await client.SendTextAsync(join, ct);
            return client;
        });
        var publisherSocket = await WsClient.ConnectAsync(ports[0], target.BroadcastPath, target.BroadcastSubprotocol, ct);
        if (target.BroadcastJoin is { } publisherJoin) await publisherSocket.SendTextAsync(publisherJoin, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopPublishing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = listeners.Select(c => Task.Run(() => ListenAsync(c, deliveries, stop.Token))).ToList();
        loops.Add(Task.Run(() => DiscardAsync(publisherSocket, stop.Token)));
        var publisher = new Publisher(perSecond, size, window);
        var publishing = Task.Run(() => publisher.RunAsync(
            marker => publisherSocket.SendTextAsync(target.BroadcastMessage(marker), stopPublishing.Token).AsTask(), stopPublishing.Token));
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
            Connections.CloseAll(listeners);
            publisherSocket.Dispose();
            await Connections.DrainAsync(loops.Append(publishing));
        }
        return deliveries.Result(publisher.PublishedInWindow, perSecond, clients, publisher.Errors);
    }

    private static async Task ListenAsync(WsClient client, Deliveries deliveries, CancellationToken ct)
    {
        var scanner = new MarkerScanner(deliveries.OnMarker);
        while (!ct.IsCancellationRequested)
        {
            var (opcode, payload) = await client.ReceiveAsync(ct);
            if (opcode == 0x8) return;
            scanner.Feed(payload);
        }
    }

    private static async Task DiscardAsync(WsClient client, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var (opcode, _) = await client.ReceiveAsync(ct);
            if (opcode == 0x8) return;
        }
    }
}
