using System.Text.Json;

/// <summary>One payment as the dashboard and the operators see it. Amount in minor units (cents).</summary>
public sealed record Payment(string Id, string Status, long Amount, string Currency, string Description)
{
    /// <summary>
    /// Reads the gateway's event: {"type":"payment.captured"|"payment.failed","data":{"id","amount","currency","description"}}.
    /// Null with a reason when the body is not a payment event this dashboard understands.
    /// </summary>
    public static Payment? TryParse(byte[] body, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type is not ("payment.captured" or "payment.failed")) { error = $"not a payment event: {type}"; return null; }
            var data = root.GetProperty("data");
            return new Payment(
                data.GetProperty("id").GetString() ?? "",
                type == "payment.captured" ? "captured" : "failed",
                data.GetProperty("amount").GetInt64(),
                data.TryGetProperty("currency", out var c) ? c.GetString() ?? "EUR" : "EUR",
                data.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "malformed payment event: " + e.Message;
            return null;
        }
    }

    /// <summary>
    /// Reads a Razorpay-style event: {"entity":"event","event":"payment.captured"|"payment.failed",
    /// "payload":{"payment":{"entity":{"id","amount","currency","description"}}},"created_at":…}. Amount in paise.
    /// </summary>
    public static Payment? TryParseRazorpay(byte[] body, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var type = root.TryGetProperty("event", out var t) ? t.GetString() : null;
            if (type is not ("payment.captured" or "payment.failed")) { error = $"not a payment event: {type}"; return null; }
            var entity = root.GetProperty("payload").GetProperty("payment").GetProperty("entity");
            return new Payment(
                entity.GetProperty("id").GetString() ?? "",
                type == "payment.captured" ? "captured" : "failed",
                entity.GetProperty("amount").GetInt64(),
                entity.TryGetProperty("currency", out var c) ? c.GetString() ?? "INR" : "INR",
                entity.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            error = "malformed Razorpay event: " + e.Message;
            return null;
        }
    }
}
