using System.Security.Cryptography;
using System.Text;

/// <summary>Standard Webhooks signatures: https://www.standardwebhooks.com/</summary>
public static class Signer
{
    private const string Prefix = "whsec_";

    /// <summary>The webhook-signature header value for one attempt: "v1," + base64(HMAC-SHA256).</summary>
    public static string Sign(string secret, string id, string timestamp, string body)
    {
        // TODO 1 solved: why the key is base64-decoded: the secret is "whsec_" + base64 of random bytes, and those
        // bytes (not the text) are the HMAC key. Why "{id}.{timestamp}.{body}": signing the id and the time too means
        // a captured request cannot be replayed later or under another id without the signature breaking.
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
