namespace Workshop.Protocols.Webhooks;

/// <summary>A delivery in the outbox with its attempt log (the secret is never part of it).</summary>
/// <param name="Id">The delivery id (used in the API).</param>
/// <param name="EventId">The event id sent as <c>webhook-id</c> on every attempt.</param>
/// <param name="EventType">The event type, e.g. <c>payment.captured</c>.</param>
/// <param name="Url">The destination.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made in the current round (reset by a redelivery).</param>
/// <param name="NextAttemptAt">When the next attempt is due (meaningful while pending).</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="LastError">The last failure, if any.</param>
/// <param name="AttemptLog">Every attempt, oldest first.</param>
public sealed record WebhookDelivery(
    string Id,
    string EventId,
    string EventType,
    Uri Url,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    string? LastError,
    IReadOnlyList<DeliveryAttempt> AttemptLog);
