using System.Security.Cryptography;
using System.Text;

/// <summary>Verifies Razorpay-style webhooks: <c>X-Razorpay-Signature</c> is the hex HMAC-SHA256 of the raw body.</summary>
public sealed class RazorpayVerifier(string secret)
{
    // Razorpay's webhook secret is used as it is typed (its UTF-8 bytes): unlike whsec_, there is nothing to decode.
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>Null when the request is authentic, otherwise why not (for a 401 problem).</summary>
    public string? Verify(IHeaderDictionary headers, byte[] rawBody)
    {
        var signature = headers["X-Razorpay-Signature"].ToString().Trim();
        if (signature.Length == 0) return "missing X-Razorpay-Signature";

        // TODO 6 solved: why the raw body: Razorpay signs the bytes it sent; parsed-and-reserialized JSON is other bytes.
        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit)) return "X-Razorpay-Signature is not 64 hex digits";
        var expected = HMACSHA256.HashData(_key, rawBody);
        // Why bytes in constant time: hex may come in either case, and == on strings leaks how much of a forgery was right.
        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signature), expected) ? null : "no signature matches the body";
    }
}
