using System.Security.Cryptography;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// The sending side's API: enqueue a signed delivery into the durable outbox (one insert, group-committed with concurrent ones), read its state and
/// attempt log, and redeliver it by hand. The <c>WebhookDispatcher</c> background service does the sending.
/// </summary>
public sealed class WebhookSender
{
    private readonly OutboxStore _store;
    private readonly OutboxReader _reader;
    private readonly DestinationGuard _guard;
    private readonly DispatchSignal _signal;
    private readonly TimeProvider _time;
    private readonly int _maxRedeliveries;

    internal WebhookSender(OutboxStore store, OutboxReader reader, DestinationGuard guard, DispatchSignal signal, TimeProvider time, int maxRedeliveries)
    {
        _maxRedeliveries = maxRedeliveries;
        _store = store;
        _reader = reader;
        _guard = guard;
        _signal = signal;
        _time = time;
    }

    /// <summary>
    /// Stores the delivery and wakes the dispatcher. Throws <see cref="DestinationRefusedException"/> when the URL
    /// is refused by the guard, <see cref="FormatException"/> when the secret is not <c>whsec_…</c>, and
    /// <see cref="WebhookStorageFullException"/> when the database is at its ceiling (nothing was stored).
    /// </summary>
    public async Task<WebhookDelivery> EnqueueAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        WebhookSecret.Parse(message.Secret);
        if (await _guard.CheckUrlAsync(message.Url, cancellationToken) is { } refusal) throw new DestinationRefusedException(refusal);
        var id = "dlv_" + NewId();
        var eventId = message.EventId ?? "msg_" + NewId();
        var row = new OutboxRow(id, eventId, message.EventType, message.Url.AbsoluteUri, message.Secret, message.Payload.ToArray(), 0);
        // Millisecond precision, as stored, so this answer equals what a later read returns.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        await _store.InsertAsync(row, now.ToUnixTimeMilliseconds(), cancellationToken);
        _signal.Notify();
        // Committed: answer from what was written rather than reading the row back.
        return new WebhookDelivery(id, eventId, message.EventType, new Uri(row.Url), DeliveryStatus.Pending, 0, now, now, null, []);
    }

    /// <summary>The delivery with its attempt log, or null when unknown.</summary>
    public Task<WebhookDelivery?> GetAsync(string id, CancellationToken cancellationToken) => _reader.GetAsync(id, cancellationToken);

    /// <summary>
    /// Makes a finished delivery (succeeded, dead-lettered, disabled) pending again with a fresh round of attempts,
    /// the same event id, and its endpoint re-enabled, at most <see cref="WebhookSenderOptions.MaxRedeliveries"/>
    /// times per delivery. Says why not otherwise: unknown, still pending, or the limit reached.
    /// </summary>
    public async Task<RedeliveryOutcome> RedeliverAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await _store.RedeliverAsync(id, _time.GetUtcNow().ToUnixTimeMilliseconds(), _maxRedeliveries, cancellationToken);
        if (outcome == RedeliveryOutcome.Redelivered) _signal.Notify();
        return outcome;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
