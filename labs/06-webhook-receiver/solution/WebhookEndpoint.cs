using System.Text.Json;

/// <summary>One webhook request: refuse what is wrong (with a status and a reason), then have its effect once.</summary>
public static class WebhookEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ReceivedEvents events, WebhookSource source, int maxBodyBytes)
    {
        var request = context.Request;
        // TODO 2 solved (content type): why first: a form post or plain text is not a webhook of ours; 415 tells the
        // sender exactly what to fix, before we spend anything on the body.
        if (!IsJson(request.ContentType))
        {
            return Problem(415, "unsupported-content-type", $"Send Content-Type: application/json, not '{request.ContentType}'.");
        }
        // TODO 2 solved (size): why before reading it all: a receiver that buffers any body is a memory bomb.
        if (request.ContentLength > maxBodyBytes) return Problem(413, "body-too-large", $"The body is over {maxBodyBytes} bytes.");
        var body = await ReadRawBodyAsync(request, maxBodyBytes, context.RequestAborted);
        if (body is null) return Problem(413, "body-too-large", $"The body is over {maxBodyBytes} bytes.");

        string? signature = request.Headers[source.SignatureHeader];
        if (string.IsNullOrEmpty(signature)) return Problem(401, "missing-signature", $"The {source.SignatureHeader} header is missing.");
        if (!source.Verify(body, signature)) return Problem(401, "bad-signature", "The signature does not match the body.");

        string? eventId = request.Headers[source.EventIdHeader];
        if (string.IsNullOrWhiteSpace(eventId)) return Problem(400, "missing-event-id", $"The {source.EventIdHeader} header is missing.");
        JsonDocument json;
        try
        {
            // Parsed only now, and only to read fields: the signature was checked over the raw bytes above.
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // TODO 2 solved (malformed): why 400 and not 500: the request is authentic but unusable; a 5xx would make
            // the provider retry something that can never succeed.
            return Problem(400, "malformed-json", "The body is not valid JSON.");
        }
        using (json)
        {
            var (type, summary) = Describe(source, request, json.RootElement);
            var first = events.TryRecord(new ReceivedEvent(source.Name, eventId, type, summary, DateTimeOffset.UtcNow));
            // A duplicate still gets 200: the provider only wants to know it was received; answering an error would
            // make it retry a delivery we already have.
            return Results.Ok(new { id = eventId, duplicate = !first });
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.MediaType.Value!.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.MediaType.Value.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body exactly as sent, or null when it is longer than <paramref name="max"/> (a chunked body has no length up front).</summary>
    private static async Task<byte[]?> ReadRawBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static (string Type, string Summary) Describe(WebhookSource source, HttpRequest request, JsonElement root)
    {
        if (source.Name == "github")
        {
            var message = root.TryGetProperty("head_commit", out var commit) && commit.ValueKind == JsonValueKind.Object &&
                          commit.TryGetProperty("message", out var m) ? m.ToString() : null;
            var @ref = root.TryGetProperty("ref", out var r) ? r.ToString() : "";
            return (request.Headers["X-GitHub-Event"].ToString() is { Length: > 0 } e ? e : "push", message ?? @ref);
        }
        var type = root.TryGetProperty("event", out var ev) ? ev.ToString() : "unknown";
        var amount = root.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object &&
                     p.TryGetProperty("payment", out var pay) && pay.ValueKind == JsonValueKind.Object &&
                     pay.TryGetProperty("entity", out var entity) && entity.ValueKind == JsonValueKind.Object &&
                     entity.TryGetProperty("amount", out var a) ? $"amount {a}" : "";
        return (type, amount);
    }

    private static IResult Problem(int status, string reason, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: reason.Replace('-', ' '), extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
