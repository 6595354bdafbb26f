using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workshop.Protocols.Webhooks;

/// <summary>Computes signatures for the three schemes (the sending side, and what verifiers compare against).</summary>
public static class WebhookSigner
{
    /// <summary>
    /// The Standard Webhooks signature entry <c>v1,&lt;base64&gt;</c>: HMAC-SHA256 with the decoded key over
    /// <c>{id}.{timestamp}.{body}</c>.
    /// </summary>
    public static string SignStandard(byte[] key, string id, long unixSeconds, ReadOnlySpan<byte> body)
        => "v1," + Convert.ToBase64String(StandardMac(key, id, unixSeconds, body));

    /// <summary>Same as <see cref="SignStandard(byte[], string, long, ReadOnlySpan{byte})"/> with a <c>whsec_</c> secret.</summary>
    public static string SignStandard(string secret, string id, long unixSeconds, ReadOnlySpan<byte> body)
        => SignStandard(WebhookSecret.Parse(secret), id, unixSeconds, body);

    /// <summary>The GitHub header value <c>sha256=&lt;lowercase hex&gt;</c> of HMAC-SHA256(secret, body).</summary>
    public static string SignGitHub(string secret, ReadOnlySpan<byte> body)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The Razorpay header value: lowercase hex of HMAC-SHA256(secret, body).</summary>
    public static string SignRazorpay(string secret, ReadOnlySpan<byte> body)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    internal static byte[] StandardMac(byte[] key, string id, long unixSeconds, ReadOnlySpan<byte> body)
    {
        // Signed content is the id, the timestamp and the raw body joined by dots; built in one buffer so the
        // body bytes are used as received.
        var prefix = Encoding.UTF8.GetBytes(id + "." + unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
