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
        // TODO 1 (signature): compute HMACSHA256.HashData(key: UTF-8 bytes of the secret, data: body), decode the given
        //        hex (Convert.FromHexString; bad hex means "not valid") and compare the two with
        //        CryptographicOperations.FixedTimeEquals. Never use == on signatures, and never hash a re-serialized body.
        return true;
    }
}
