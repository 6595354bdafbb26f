namespace Workshop.Protocols.Webhooks;

/// <summary>What to send: a JSON payload, signed with a Standard Webhooks secret, to one URL.</summary>
/// <param name="Url">The destination (http or https; checked by the <see cref="DestinationGuard"/>).</param>
/// <param name="Secret">The <c>whsec_…</c> secret to sign with.</param>
/// <param name="EventType">The event type, e.g. <c>payment.captured</c>.</param>
/// <param name="Payload">The JSON body bytes, sent exactly as given.</param>
/// <param name="EventId">The event id; a new <c>msg_…</c> id when null.</param>
public sealed record WebhookMessage(Uri Url, string Secret, string EventType, ReadOnlyMemory<byte> Payload, string? EventId = null);
