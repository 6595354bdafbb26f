using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>
/// <c>POST /api/sender/deliveries</c> (enqueue a signed test event), <c>GET /api/sender/deliveries/{id}</c>
/// (status + attempt log) and <c>POST /api/sender/deliveries/{id}/redeliver</c>.
/// </summary>
public static class SenderApi
{
    /// <summary>Maps the sender API.</summary>
    public static void MapSenderApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sender/deliveries");
        group.MapPost("/", EnqueueAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/redeliver", RedeliverAsync);
    }

    private static async Task<Results<Accepted<DeliveryView>, ProblemHttpResult>> EnqueueAsync(
        SendRequest request, WebhookSender sender, ReferenceWebhookSecrets secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
            return Problem(StatusCodes.Status400BadRequest, "bad-url", "'url' must be an absolute http(s) URL.");
        var eventType = string.IsNullOrWhiteSpace(request.EventType) ? "payment.captured" : request.EventType.Trim();
        var payload = request.Payload is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } given
            ? Encoding.UTF8.GetBytes(given.GetRawText())
            : SamplePayload(eventType, time.GetUtcNow());
        try
        {
            var delivery = await sender.EnqueueAsync(new WebhookMessage(url, request.Secret ?? secrets.Standard, eventType, payload), cancellationToken);
            return TypedResults.Accepted($"/api/sender/deliveries/{delivery.Id}", DeliveryView.From(delivery));
        }
        catch (DestinationRefusedException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "destination-refused", ex.Message);
        }
        catch (FormatException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "bad-secret-format", ex.Message);
        }
        catch (WebhookStorageFullException ex)
        {
            return Problem(StatusCodes.Status507InsufficientStorage, "storage-full", ex.Message);
        }
    }

    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> GetAsync(string id, WebhookSender sender, CancellationToken cancellationToken)
        => await sender.GetAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Ok(DeliveryView.From(delivery))
            : Problem(StatusCodes.Status404NotFound, "unknown-delivery", $"No delivery '{id}'.");

    private static async Task<Results<Accepted<DeliveryView>, ProblemHttpResult>> RedeliverAsync(string id, WebhookSender sender, CancellationToken cancellationToken)
    {
        var outcome = await sender.RedeliverAsync(id, cancellationToken);
        if (outcome == RedeliveryOutcome.Redelivered)
            return TypedResults.Accepted($"/api/sender/deliveries/{id}", DeliveryView.From((await sender.GetAsync(id, cancellationToken))!));
        return outcome switch
        {
            RedeliveryOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "unknown-delivery", $"No delivery '{id}'."),
            RedeliveryOutcome.StillPending => Problem(StatusCodes.Status409Conflict, "still-pending", "The delivery is still pending; redeliver it once it has finished."),
            _ => Problem(StatusCodes.Status429TooManyRequests, "redelivery-limit", "This delivery was already redelivered as often as allowed (Webhooks:Sender:MaxRedeliveries); enqueue a new delivery instead."),
        };
    }

    private static byte[] SamplePayload(string eventType, DateTimeOffset now)
    {
        object data = eventType switch
        {
            "push" => new { @ref = "refs/heads/main", repository = new { full_name = "workshop/demo" }, head_commit = new { message = "Hello from the webhook sender" } },
            _ => new { payment = new { id = "pay_demo123", amount = 50000, currency = "INR", status = "captured" } },
        };
        return JsonSerializer.SerializeToUtf8Bytes(new { type = eventType, timestamp = now, data });
    }

    private static ProblemHttpResult Problem(int status, string reason, string detail)
        => TypedResults.Problem(detail, statusCode: status, title: "Sender request refused", extensions: new Dictionary<string, object?> { ["reason"] = reason });
}
