using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Verifies Standard Webhooks requests: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds, within the
/// tolerance in both directions) and <c>webhook-signature</c> (space-separated <c>v1,&lt;base64&gt;</c> entries; any
/// one matching any configured secret is enough, which is how keys are rotated without downtime).
/// </summary>
public sealed class StandardWebhookVerifier : IWebhookVerifier
{
    /// <summary>The event id header.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The default timestamp tolerance (both directions).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly byte[][] _keys;
    private readonly bool _secretsValid;
    private readonly TimeProvider _time;
    private readonly TimeSpan _tolerance;

    /// <summary>Creates a verifier accepting signatures under any of <paramref name="secrets"/> (<c>whsec_…</c>).</summary>
    public StandardWebhookVerifier(IEnumerable<string> secrets, TimeProvider? time = null, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var keys = new List<byte[]>();
        _secretsValid = true;
        foreach (var secret in secrets)
        {
            if (WebhookSecret.TryParse(secret, out var key)) keys.Add(key);
            else _secretsValid = false;
        }
        _secretsValid &= keys.Count > 0;
        _keys = [.. keys];
        _time = time ?? TimeProvider.System;
        _tolerance = tolerance ?? DefaultTolerance;
    }

    /// <summary>Creates a verifier for one secret.</summary>
    public StandardWebhookVerifier(string secret, TimeProvider? time = null, TimeSpan? tolerance = null)
        : this([secret], time, tolerance)
    {
    }

    /// <inheritdoc />
    public WebhookScheme Scheme => WebhookScheme.Standard;

    /// <inheritdoc />
    public string EventIdHeader => IdHeader;

    /// <inheritdoc />
    /// <remarks>True: <c>webhook-id</c> and <c>webhook-timestamp</c> are signed with the body, and the timestamp must be within the tolerance.</remarks>
    public bool SignsTimestamp => true;

    /// <inheritdoc />
    public VerificationResult Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // A bad configured secret is the receiver's fault; say so rather than blaming the sender's signature.
        if (!_secretsValid) return VerificationResult.Fail(VerificationFailure.BadSecretFormat, "The receiver's secret is not 'whsec_' + base64.");
        if (HeaderCheck.Missing(headers, IdHeader, null) is { } idProblem) return idProblem;
        var id = headers[IdHeader].ToString();
        if (HeaderCheck.Missing(headers, TimestampHeader, id) is { } tsProblem) return tsProblem;
        if (HeaderCheck.Missing(headers, SignatureHeader, id) is { } sigProblem) return sigProblem;

        var timestampText = headers[TimestampHeader].ToString();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return VerificationResult.Fail(VerificationFailure.NonNumericTimestamp, $"'{TimestampHeader}' must be whole seconds since the Unix epoch.", id);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var tolerance = (long)_tolerance.TotalSeconds;
        if (now - timestamp > tolerance)
            return VerificationResult.Fail(VerificationFailure.StaleTimestamp, $"The timestamp is more than {tolerance} s in the past.", id);
        if (timestamp - now > tolerance)
            return VerificationResult.Fail(VerificationFailure.FutureTimestamp, $"The timestamp is more than {tolerance} s in the future.", id);

        return CheckSignatures(headers[SignatureHeader].ToString(), id, timestamp, body);
    }

    private VerificationResult CheckSignatures(string header, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var expected = new byte[_keys.Length][];
        for (var i = 0; i < _keys.Length; i++) expected[i] = WebhookSigner.StandardMac(_keys[i], id, timestamp, body);
        var sawV1 = false;
        var sawWellFormed = false;
        Span<byte> candidate = stackalloc byte[64];
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            sawV1 = true;
            if (!Convert.TryFromBase64String(entry[3..], candidate, out var written)) continue;
            sawWellFormed = true;
            foreach (var mac in expected)
            {
                if (CryptographicOperations.FixedTimeEquals(candidate[..written], mac)) return VerificationResult.Valid(id);
            }
        }
        if (!sawV1) return VerificationResult.Fail(VerificationFailure.UnknownVersion, "No 'v1,' signature in 'webhook-signature'.", id);
        if (!sawWellFormed) return VerificationResult.Fail(VerificationFailure.MalformedSignature, "The 'v1,' signature is not valid base64.", id);
        return VerificationResult.Fail(VerificationFailure.BadSignature, "No signature matches the body (was it re-serialized, or signed with another secret?).", id);
    }
}
