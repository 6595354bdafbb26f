using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Workshop.Grading.Probes;

/// <summary>
/// Plays lab 08's second gateway, Razorpay-style: <c>X-Razorpay-Signature</c> is the hex HMAC-SHA256 of the raw body
/// keyed with the webhook secret's UTF-8 bytes, the event id travels in <c>x-razorpay-event-id</c>, and the body is
/// Razorpay's event JSON (<c>event</c>, <c>payload.payment.entity</c>).
/// </summary>
public static class RazorpayGateway
{
    /// <summary>The lab's development secret (public on purpose: it is in the lab's README and appsettings.json).</summary>
    public const string DevSecret = "lab08-razorpay-dev-secret";

    /// <summary>The receiver's path on the lab.</summary>
    public const string Path = "/webhooks/razorpay";

    /// <summary>A compact Razorpay event for one payment (amount in paise).</summary>
    public static string Event(string type, string paymentId, long amount, string description) =>
        JsonSerializer.Serialize(new
        {
            entity = "event",
            account_id = "acc_lab08demo",
            @event = type,
            contains = new[] { "payment" },
            payload = new
            {
                payment = new
                {
                    entity = new { id = paymentId, entity = "payment", amount, currency = "INR", status = type == "payment.captured" ? "captured" : "failed", description },
                },
            },
            created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });

    /// <summary>The lower-case hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string body)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>
    /// Posts <paramref name="body"/> signed as <paramref name="signedBody"/> (default: the same bytes). A null
    /// <paramref name="eventId"/> leaves the event id header out; <paramref name="signed"/> false leaves the signature out;
    /// <paramref name="chunked"/> sends the body chunked, without a Content-Length.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri url, string? eventId, string body, CancellationToken cancellationToken,
        string? signedBody = null, string secret = DevSecret, bool signed = true, bool chunked = false)
    {
        HttpContent content = chunked
            ? new ChunkedContent(Encoding.UTF8.GetBytes(body), "application/json").Typed()
            : new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (chunked) request.Headers.TransferEncodingChunked = true;
        if (signed) request.Headers.Add("X-Razorpay-Signature", Sign(secret, signedBody ?? body));
        if (eventId is not null) request.Headers.Add("x-razorpay-event-id", eventId);
        return await http.SendAsync(request, cancellationToken);
    }

    /// <summary>A fresh event id in Razorpay's shape (<c>evt_…</c>).</summary>
    public static string NewEventId() => "evt_" + Guid.NewGuid().ToString("N")[..14];
}
