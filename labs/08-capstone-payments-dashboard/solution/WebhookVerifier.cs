using System.Globalization;
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
        string id = headers["webhook-id"].ToString(), timestamp = headers["webhook-timestamp"].ToString(), signatures = headers["webhook-signature"].ToString();
        if (id.Length == 0 || timestamp.Length == 0 || signatures.Length == 0) return "missing webhook-id, webhook-timestamp or webhook-signature";

        // TODO 1 solved: why a tolerance: a captured request replayed later carries an old timestamp, and the
        // timestamp is inside the signature, so an attacker cannot refresh it.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return "webhook-timestamp is not Unix seconds";
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > tolerance) return "webhook-timestamp is outside the tolerance";

        // Why the raw bytes: re-serialized JSON (other spacing, key order) is a different message and would not verify.
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        byte[] message = [.. signed, .. rawBody];
        var expected = HMACSHA256.HashData(_key, message);
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith("v1,", StringComparison.Ordinal)) continue;
            var candidate = new byte[32];
            if (!Convert.TryFromBase64String(entry[3..], candidate, out var written) || written != 32) continue;
            // Why constant time: an ordinary comparison stops at the first wrong byte, and the time it takes
            // tells an attacker how many leading bytes of a forged signature were right.
            if (CryptographicOperations.FixedTimeEquals(candidate, expected)) return null;
        }
        return "no signature matches the body";
    }
}
