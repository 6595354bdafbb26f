using System.Security.Cryptography;
using System.Text;

/// <summary>Verifies Standard Webhooks requests: webhook-id, webhook-timestamp, webhook-signature (v1,base64).</summary>
public sealed class WebhookVerifier(string secret, TimeSpan tolerance, TimeProvider time)
{
    // The key is the base64 part of "whsec_...", decoded: the prefix only says what kind of secret it is.
    private readonly byte[] _key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);

    /// <summary>Null when the request is authentic, otherwise why not (for a 401 problem).</summary>
    public string? Verify(IHeaderDictionary headers, byte[] rawBody)
    {
        // TODO 1 (verify): authenticate the request; until then everything is accepted, even a forgery.
        //   - webhook-id, webhook-timestamp and webhook-signature are all required;
        //   - the timestamp (Unix seconds) must be within `tolerance` of time.GetUtcNow(), in both directions;
        //   - the signature is HMAC-SHA256 with _key over the bytes of "{id}.{timestamp}." followed by rawBody
        //     (the RAW bytes, never re-serialized JSON), base64, sent as "v1,<base64>" (several, space-separated);
        //   - compare with CryptographicOperations.FixedTimeEquals, never with == or SequenceEqual.
        //   Return null when authentic, otherwise a short reason (the endpoint answers 401 with it).
        _ = _key;
        _ = tolerance;
        _ = time;
        return null;
    }
}
