using System.Security.Cryptography;
using System.Text;

/// <summary>HMAC-SHA256 signature checks, as GitHub and Razorpay define them.</summary>
public static class Signatures
{
    // GitHub: X-Hub-Signature-256: sha256=<64 lowercase hex digits> = HMAC-SHA256(secret, raw body).
    public static bool GitHubValid(string secret, byte[] body, string? header)
    {
        const string prefix = "sha256=";
        if (header is null || !header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return HexMatches(secret, body, header[prefix.Length..]);
    }

    // Razorpay: X-Razorpay-Signature: <64 hex digits> = HMAC-SHA256(secret, raw body).
    public static bool RazorpayValid(string secret, byte[] body, string? header) =>
        header is not null && HexMatches(secret, body, header);

    private static bool HexMatches(string secret, byte[] body, string hex)
    {
        // TODO 1 solved: why the raw bytes: the sender signed exactly these bytes; parsing and re-serializing the
        // JSON changes whitespace or key order and the HMAC no longer matches (or, worse, a forged body re-serializes
        // to something that does). Why FixedTimeEquals: == stops at the first different byte, and the time that
        // takes tells an attacker how many leading bytes of a forged signature were right.
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
