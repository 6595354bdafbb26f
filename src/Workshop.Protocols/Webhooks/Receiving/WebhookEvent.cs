using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>A verified, parsed, first-time webhook event handed to a receiver's handler.</summary>
/// <param name="Scheme">The scheme it was verified with.</param>
/// <param name="EventId">The event id (idempotency key).</param>
/// <param name="RawBody">The body exactly as received.</param>
/// <param name="Payload">The body parsed as JSON.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="ReceivedAt">When it arrived.</param>
public sealed record WebhookEvent(
    WebhookScheme Scheme,
    string EventId,
    ReadOnlyMemory<byte> RawBody,
    JsonElement Payload,
    IHeaderDictionary Headers,
    DateTimeOffset ReceivedAt);
