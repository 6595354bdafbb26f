using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>Verifies one signature scheme over the raw body bytes and the request headers.</summary>
public interface IWebhookVerifier
{
    /// <summary>The scheme this verifier checks.</summary>
    WebhookScheme Scheme { get; }

    /// <summary>The header that carries the event id used for idempotency (e.g. <c>webhook-id</c>).</summary>
    string EventIdHeader { get; }

    /// <summary>
    /// Whether the signature covers a timestamp that the verifier checks against a tolerance (Standard Webhooks),
    /// which bounds how long a captured request can be replayed. When false (GitHub, Razorpay: an HMAC of the
    /// body only, and an event id header that is not signed), the receiver also remembers a hash of each handled
    /// body and treats the same body under a fresh id as a duplicate. Defaults to false, the safe assumption.
    /// </summary>
    bool SignsTimestamp => false;

    /// <summary>
    /// Checks <paramref name="body"/> (exactly the bytes received, never re-serialized) against the headers.
    /// A captured request (e.g. in an inspector) can be passed as <c>new HeaderDictionary(dict)</c>.
    /// </summary>
    VerificationResult Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body);
}
