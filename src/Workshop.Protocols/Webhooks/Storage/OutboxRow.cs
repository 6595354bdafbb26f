namespace Workshop.Protocols.Webhooks;

/// <summary>
/// A delivery as the dispatcher needs it (including the secret, which never leaves the sender). When claimed,
/// <paramref name="EndpointDisabled"/> says whether its URL was disabled (410 Gone) at the moment of the claim.
/// </summary>
internal sealed record OutboxRow(string Id, string EventId, string EventType, string Url, string Secret, byte[] Payload, int Attempts, bool EndpointDisabled = false);
