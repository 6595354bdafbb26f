using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Workshop.Protocols.Diagnostics;

/// <summary>
/// The library's metrics, on one <see cref="Meter"/> named <see cref="MeterName"/>: open connections and messages
/// waiting in per-client queues (observed when a listener collects, so they cost nothing per message), messages
/// written to clients, slow clients dropped, and webhook retries. Every instrument but the webhook ones carries a
/// <c>protocol</c> tag (<c>websocket</c>, <c>sse</c>). Read them live with
/// <c>dotnet-counters monitor -n Workshop.Playground --counters Workshop.Protocols</c> (docs/operations.md).
/// </summary>
public static class ProtocolMetrics
{
    /// <summary>The meter's name, to pass to <c>dotnet-counters --counters</c> or a <see cref="MeterListener"/>.</summary>
    public const string MeterName = "Workshop.Protocols";

    /// <summary>Open connections (WebSockets and event streams), by protocol.</summary>
    public const string Connections = "workshop.connections";

    /// <summary>Messages waiting in the per-client send queues, by protocol.</summary>
    public const string QueueDepth = "workshop.queue.depth";

    /// <summary>Messages written to clients (WebSocket messages, SSE events; not heartbeats or replays), by protocol.</summary>
    public const string Deliveries = "workshop.deliveries";

    /// <summary>Clients dropped because their queue was full (not reading fast enough), by protocol.</summary>
    public const string Drops = "workshop.drops";

    /// <summary>Webhook deliveries that reached their endpoint with a success answer.</summary>
    public const string WebhookDeliveries = "workshop.webhooks.delivered";

    /// <summary>Webhook attempts that failed and were scheduled again.</summary>
    public const string WebhookRetries = "workshop.webhooks.retries";

    internal const string WebSocket = "websocket";
    internal const string Sse = "sse";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<object, Func<int>> OpenWebSockets = new();
    private static readonly ConcurrentDictionary<object, Func<int>> OpenStreams = new();
    private static readonly Counter<long> DeliveryCounter = Meter.CreateCounter<long>(Deliveries, "{message}", "Messages written to clients.");
    private static readonly Counter<long> DropCounter = Meter.CreateCounter<long>(Drops, "{client}", "Clients dropped because they did not read fast enough.");
    private static readonly Counter<long> WebhookDeliveryCounter = Meter.CreateCounter<long>(WebhookDeliveries, "{delivery}", "Webhook deliveries answered with success.");
    private static readonly Counter<long> WebhookRetryCounter = Meter.CreateCounter<long>(WebhookRetries, "{attempt}", "Failed webhook attempts scheduled again.");

    static ProtocolMetrics()
    {
        Meter.CreateObservableUpDownCounter(Connections, () => new[]
        {
            new Measurement<int>(OpenWebSockets.Count, new KeyValuePair<string, object?>("protocol", WebSocket)),
            new Measurement<int>(OpenStreams.Count, new KeyValuePair<string, object?>("protocol", Sse)),
        }, "{connection}", "Open WebSocket connections and event streams.");
        Meter.CreateObservableGauge(QueueDepth, () => new[]
        {
            new Measurement<long>(Sum(OpenWebSockets), new KeyValuePair<string, object?>("protocol", WebSocket)),
            new Measurement<long>(Sum(OpenStreams), new KeyValuePair<string, object?>("protocol", Sse)),
        }, "{message}", "Messages waiting in per-client send queues.");
    }

    /// <summary>Counts <paramref name="connection"/> as open, with its queue, until the returned scope is disposed.</summary>
    internal static IDisposable Track<T>(string protocol, object connection, ChannelReader<T> queue)
    {
        var open = protocol == WebSocket ? OpenWebSockets : OpenStreams;
        open[connection] = () => queue.Count;
        return new Scope(open, connection);
    }

    internal static void Delivered(string protocol, int count = 1)
    {
        if (DeliveryCounter.Enabled) DeliveryCounter.Add(count, new KeyValuePair<string, object?>("protocol", protocol));
    }

    internal static void Dropped(string protocol) => DropCounter.Add(1, new KeyValuePair<string, object?>("protocol", protocol));

    internal static void WebhookDelivered() => WebhookDeliveryCounter.Add(1);

    internal static void WebhookRetried() => WebhookRetryCounter.Add(1);

    private static long Sum(ConcurrentDictionary<object, Func<int>> open)
    {
        long total = 0;
        foreach (var (_, count) in open) total += count();
        return total;
    }

    private sealed class Scope(ConcurrentDictionary<object, Func<int>> open, object connection) : IDisposable
    {
        public void Dispose() => open.TryRemove(connection, out _);
    }
}
