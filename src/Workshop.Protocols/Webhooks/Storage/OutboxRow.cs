namespace Workshop.Protocols.Webhooks;

/// <summary>A delivery as the dispatcher needs it (including the secret, which never leaves the sender).</summary>
internal sealed record OutboxRow(string Id, string EventId, string EventType, string Url, string Secret, byte[] Payload, int Attempts);
