using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>The accepted payments: which webhook ids were seen, the log (for replay), and every dashboard watching.</summary>
public sealed class PaymentLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private readonly SeenKeys _seenWebhookIds = new(TimeProvider.System);
    private readonly List<(long Id, Payment Payment)> _log = [];
    private readonly HashSet<Channel<SseItem<string>>> _watchers = [];
    private long _lastId;

    /// <summary>Records a payment; false when this webhook-id was already accepted (a redelivery).</summary>
    public bool Accept(string webhookId, Payment payment) => Accept([webhookId], payment);

    /// <summary>Records a payment known by several keys; false when any of them was already accepted (a redelivery or a replay).</summary>
    public bool Accept(IReadOnlyCollection<string> keys, Payment payment)
    {
        lock (_gate)
        {
            // TODO 2 solved: why by webhook-id: the gateway retries with the SAME id (and a fresh timestamp and
            // signature) whenever it did not see our 2xx in time; a second effect would count the money twice.
            // Why any key: one event may be known by its id and by a hash of its body; a match on either is the same event.
            if (keys.Any(_seenWebhookIds.Contains)) return false;
            _seenWebhookIds.UnionWith(keys);
            var id = ++_lastId;
            _log.Add((id, payment));
            if (_log.Count > 1000) _log.RemoveAt(0);
            var item = Item(id, payment);
            foreach (var watcher in _watchers) watcher.Writer.TryWrite(item);
            return true;
        }
    }

    // TODO 3 solved: why an id on every payment event: the browser sends the last one back as Last-Event-ID.
    private static SseItem<string> Item(long id, Payment payment) =>
        new(JsonSerializer.Serialize(payment, Json), "payment") { EventId = id.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The dashboard's stream: every payment after <paramref name="lastEventId"/> (all of them on a first visit), then live ones.</summary>
    public async IAsyncEnumerable<SseItem<string>> WatchAsync(long? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        List<SseItem<string>> backlog;
        // TODO 3 solved (replay): why one lock: Accept takes it too, so each payment is in the backlog or in the queue, exactly once.
        // Why the whole log on a first visit: the dashboard's totals are sums over every payment, not just new ones.
        lock (_gate)
        {
            _watchers.Add(queue);
            var after = lastEventId ?? 0;
            backlog = _log.Where(p => p.Id > after).Select(p => Item(p.Id, p.Payment)).ToList();
        }
        try
        {
            // A first item at once: the SSE result sends no headers before it, so "open" would wait for a payment.
            yield return new SseItem<string>("connected", "hello") { ReconnectionInterval = TimeSpan.FromSeconds(1) };
            foreach (var item in backlog) yield return item;
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            lock (_gate) _watchers.Remove(queue);
        }
    }
}
