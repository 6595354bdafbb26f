/// <summary>One event to deliver, with everything needed to (re)send it after a restart.</summary>
/// <param name="Id">The webhook-id: the same on every attempt, so the receiver can deduplicate.</param>
/// <param name="Body">The JSON body, serialized once: every attempt sends (and signs) these exact bytes.</param>
/// <param name="Status">"pending", "delivered" or "failed".</param>
public sealed record OutboxEvent(string Id, string Url, string Type, string Body, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, IReadOnlyList<Attempt> Attempts);
