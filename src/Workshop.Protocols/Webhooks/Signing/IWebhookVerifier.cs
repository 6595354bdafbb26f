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
    /// Checks <paramref name="body"/> (exactly the bytes received, never re-serialized) against the headers.
    /// A captured request (e.g. in an inspector) can be passed as <c>new HeaderDictionary(dict)</c>.
    /// </summary>
    VerificationResult Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body);
}
