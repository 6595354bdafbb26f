using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>What an outside client sends in the storage attacks: signed receiver requests and sender API calls.</summary>
internal static class StorageAttack
{
    /// <summary>A secret of the caller's own (the server's receiver secrets sign nothing a caller chose).</summary>
    public static string CallerSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>
    /// A GitHub or Razorpay request as the provider sends it: an HMAC-SHA256 of the body under the receiver's
    /// secret, and the event id in an unsigned header (here chosen by whoever sends it).
    /// </summary>
    public static HttpRequestMessage Provider(string scheme, string secret, byte[] body, string eventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + scheme) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        if (scheme == "github")
        {
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + hex);
            request.Headers.Add("X-GitHub-Delivery", eventId);
        }
        else
        {
            request.Headers.Add("X-Razorpay-Signature", hex);
            request.Headers.Add("x-razorpay-event-id", eventId);
        }
        return request;
    }

    /// <summary><c>POST /api/sender/deliveries</c> with the caller's own secret and a payload of about <paramref name="padBytes"/> bytes.</summary>
    public static Task<HttpResponseMessage> EnqueueAsync(HttpClient client, Uri target, int padBytes = 16)
        => client.PostAsJsonAsync("/api/sender/deliveries", new
        {
            url = target.AbsoluteUri,
            eventType = "payment.captured",
            secret = CallerSecret(),
            payload = new { pad = new string('x', padBytes), nonce = Guid.NewGuid().ToString("N") },
        });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static string Reason(JsonElement problem)
        => problem.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "";

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16] + DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)[^4..];
}
