using System.Security.Cryptography;
using System.Text;

/// <summary>Verifies Razorpay-style webhooks: <c>X-Razorpay-Signature</c> is the hex HMAC-SHA256 of the raw body.</summary>
public sealed class RazorpayVerifier(string secret)
{
    /// <summary>Null when the request is authentic, otherwise why not (for a 401 problem).</summary>
    public string? Verify(IHeaderDictionary headers, byte[] rawBody)
    {
        // TODO 6 (razorpay, part 1): authenticate the request; until then everything is accepted, even a forgery.
        //   - X-Razorpay-Signature is required: 64 hex digits (either case);
        //   - it is HMACSHA256 keyed with the secret's UTF-8 bytes (no whsec_, no base64) over rawBody, the RAW bytes:
        //     no id, no timestamp, no dots;
        //   - compare bytes (Convert.FromHexString) with CryptographicOperations.FixedTimeEquals, never strings with ==.
        //   Return null when authentic, otherwise a short reason (the endpoint answers 401 with it).
        _ = secret;
        return null;
    }
}
