using System.Security.Cryptography;
using System.Text;

/// <summary>Standard Webhooks signatures: https://www.standardwebhooks.com/</summary>
public static class Signer
{
    private const string Prefix = "whsec_";

    /// <summary>The webhook-signature header value for one attempt: "v1," + base64(HMAC-SHA256).</summary>
    public static string Sign(string secret, string id, string timestamp, string body)
    {
        // TODO 1 (sign): the key is the base64-decoded part of the secret after "whsec_" (Convert.FromBase64String);
        //        sign the UTF-8 bytes of $"{id}.{timestamp}.{body}" with HMACSHA256.HashData(key, ...), and return
        //        "v1," + Convert.ToBase64String(mac).
        return "v1,TODO";
    }
}
