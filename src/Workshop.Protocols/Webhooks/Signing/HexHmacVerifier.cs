using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Verifies the schemes that send a hex HMAC-SHA256 of the body in one header (GitHub with a <c>sha256=</c>
/// prefix, Razorpay without). These schemes carry no timestamp and do not sign the event id, so replay protection rests on idempotency by
/// event id and by a hash of the body (see <see cref="IWebhookVerifier.SignsTimestamp"/>).
/// </summary>
public sealed class HexHmacVerifier : IWebhookVerifier
{
    private readonly byte[][] _keys;
    private readonly string _signatureHeader;
    private readonly string? _prefix;

    private HexHmacVerifier(WebhookScheme scheme, IEnumerable<string> secrets, string signatureHeader, string? prefix, string eventIdHeader)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        Scheme = scheme;
        _keys = [.. secrets.Where(s => !string.IsNullOrEmpty(s)).Select(Encoding.UTF8.GetBytes)];
        _signatureHeader = signatureHeader;
        _prefix = prefix;
        EventIdHeader = eventIdHeader;
    }

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, event id in <c>X-GitHub-Delivery</c>.</summary>
    public static HexHmacVerifier GitHub(params string[] secrets)
        => new(WebhookScheme.GitHub, secrets, "X-Hub-Signature-256", "sha256=", "X-GitHub-Delivery");

    /// <summary>Razorpay: <c>X-Razorpay-Signature: &lt;hex&gt;</c>, event id in <c>x-razorpay-event-id</c>.</summary>
    public static HexHmacVerifier Razorpay(params string[] secrets)
        => new(WebhookScheme.Razorpay, secrets, "X-Razorpay-Signature", null, "x-razorpay-event-id");

    /// <inheritdoc />
    public WebhookScheme Scheme { get; }

    /// <inheritdoc />
    public string EventIdHeader { get; }

    /// <inheritdoc />
    /// <remarks>False: only the body is signed; the event id header is not, so it cannot stop a replay on its own.</remarks>
    public bool SignsTimestamp => false;

    /// <summary>The header carrying the signature.</summary>
    public string SignatureHeader => _signatureHeader;

    /// <inheritdoc />
    public VerificationResult Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var eventId = HeaderCheck.Value(headers, EventIdHeader);
        if (_keys.Length == 0) return VerificationResult.Fail(VerificationFailure.BadSecretFormat, "The receiver has no secret configured.", eventId);
        if (HeaderCheck.Missing(headers, _signatureHeader, eventId) is { } problem) return problem;

        var value = headers[_signatureHeader].ToString().Trim();
        if (_prefix is not null)
        {
            if (!value.StartsWith(_prefix, StringComparison.Ordinal))
                return VerificationResult.Fail(VerificationFailure.UnknownVersion, $"'{_signatureHeader}' must start with '{_prefix}'.", eventId);
            value = value[_prefix.Length..];
        }
        if (value.Length != 64 || !IsHex(value))
            return VerificationResult.Fail(VerificationFailure.MalformedSignature, $"'{_signatureHeader}' must be 64 hex digits.", eventId);

        var candidate = Convert.FromHexString(value);
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, HMACSHA256.HashData(key, body))) return VerificationResult.Valid(eventId);
        }
        return VerificationResult.Fail(VerificationFailure.BadSignature, "The signature does not match the body (was it re-serialized, or signed with another secret?).", eventId);
    }

    private static bool IsHex(string value) => value.All(Uri.IsHexDigit);
}
