using System.Text;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>The reference receivers' effect: the events they accepted, newest first, bounded (oldest dropped).</summary>
public sealed class ReceivedWebhookLog
{
    /// <summary>How many events are kept.</summary>
    public const int Capacity = 200;

    private readonly LinkedList<ReceivedWebhook> _events = new();
    private readonly Lock _lock = new();

    /// <summary>Records an accepted event.</summary>
    public void Add(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var entry = new ReceivedWebhook(
            webhookEvent.Scheme.ToString().ToLowerInvariant(),
            webhookEvent.EventId,
            webhookEvent.ReceivedAt,
            Encoding.UTF8.GetString(webhookEvent.RawBody.Span));
        lock (_lock)
        {
            _events.AddFirst(entry);
            if (_events.Count > Capacity) _events.RemoveLast();
        }
    }

    /// <summary>A snapshot, newest first.</summary>
    public IReadOnlyList<ReceivedWebhook> Snapshot()
    {
        lock (_lock) return [.. _events];
    }
}
