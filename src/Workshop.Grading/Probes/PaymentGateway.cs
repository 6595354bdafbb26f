using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workshop.Grading.Probes;

/// <summary>
/// Plays lab 08's payment gateway: signs Standard Webhooks requests (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>) with the lab's documented dev secret.
/// </summary>
public static class PaymentGateway
{
    /// <summary>The lab's development secret (public on purpose: it is in the lab's README and appsettings.json).</summary>
    public const string DevSecret = "whsec_d29ya3Nob3AtbGFiLTA4LXBheW1lbnRzLWRldi1rZXk=";

    /// <summary>The receiver's path on the lab.</summary>
    public const string Path = "/webhooks/payments";

    /// <summary>A compact JSON event: <c>{"type":…,"data":{"id","amount","currency","description"}}</c>.</summary>
    public static string Event(string type, string paymentId, long amount, string description) =>
        JsonSerializer.Serialize(new { type, data = new { id = paymentId, amount, currency = "EUR", description } });

    /// <summary>The <c>v1,…</c> signature of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="url"/> (the receiver), signed as <paramref name="signedBody"/> (default: the same bytes) at
    /// <paramref name="timestamp"/> (default: now). Null headers are left out.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri url, string webhookId, string body, CancellationToken cancellationToken,
        string? signedBody = null, DateTimeOffset? timestamp = null, string secret = DevSecret, bool withHeaders = true)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (withHeaders)
        {
            request.Headers.Add("webhook-id", webhookId);
            request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", Sign(secret, webhookId, ts, signedBody ?? body));
        }
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>Posts a correctly signed payment event and throws unless it is answered 2xx.</summary>
    public static async Task PayAsync(HttpClient http, Uri url, string type, string paymentId, long amount, string description, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(http, url, "msg_" + Guid.NewGuid().ToString("N"), Event(type, paymentId, amount, description), cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the signed {type} for {paymentId} was answered {(int)response.StatusCode}");
    }
}
