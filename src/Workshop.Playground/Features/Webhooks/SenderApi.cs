using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>
/// <c>POST /api/sender/deliveries</c> (enqueue a signed test event), <c>GET /api/sender/deliveries/{id}</c>
/// (status + attempt log) and <c>POST /api/sender/deliveries/{id}/redeliver</c>. The server's own receiver secrets
/// never sign anything a caller chose: a delivery is signed with the secret the caller sends, else with the bin's own
/// secret when it goes to one of this server's inspector bins, else with a fresh one generated for it. The answer to
/// the enqueue shows the secret the server chose.
/// </summary>
public static class SenderApi
{
    /// <summary>The service key of the sender's per-client quota.</summary>
    public const string QuotaKey = "sender-deliveries";

    /// <summary>Maps the sender API.</summary>
    public static void MapSenderApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ServiceProvider.GetRequiredService<IOptions<SenderApiOptions>>().Value;
        var group = app.MapGroup("/api/sender/deliveries");
        group.MapPost("/", EnqueueAsync).RequireRateLimiting(Security.RateLimitPolicies.Sender).WithMetadata(new RequestSizeLimitAttribute(limits.MaxBodyBytes));
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/{id}/redeliver", RedeliverAsync).RequireRateLimiting(Security.RateLimitPolicies.Redelivery);
    }

    private static async Task<IResult> EnqueueAsync(
        SendRequest request, HttpContext context, WebhookSender sender, Inspector.BinRegistry bins, IOptions<SenderApiOptions> options,
        IHostEnvironment environment, [FromKeyedServices(QuotaKey)] Security.ClientQuota quota, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Problem(StatusCodes.Status400BadRequest, "bad-url", "'url' must be an absolute http(s) URL.");
        var bin = IsOnThisServer(url, context.Request) ? await bins.FindByCaptureUrlAsync(url) : null;
        if (!environment.IsDevelopment() && bin is null && !IsAllowedHost(url, options.Value))
        {
            return Problem(StatusCodes.Status400BadRequest, "destination-not-allowed",
                "This server sends test events only to its own inspector bins (create one with POST /api/bins) and to the hosts its operator allowed.");
        }
        var secret = request.Secret?.Trim();
        var chosen = string.IsNullOrEmpty(secret);
        if (chosen) secret = bin?.SigningSecrets.Standard ?? WebhookSecret.Generate();
        else if (!WebhookSecret.TryParse(secret, out _)) return Problem(StatusCodes.Status400BadRequest, "bad-secret-format", "'secret' must be 'whsec_' followed by base64 key bytes.");
        switch (quota.TryTake(ClientPartition.KeyOf(context), out var retryAfter))
        {
            case Security.QuotaDecision.Exhausted:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, "quota-exceeded", $"Your address has enqueued its {quota.Limit} deliveries for this period; nothing was stored.");
            case Security.QuotaDecision.Busy:
                context.Response.Headers.RetryAfter = "60";
                return Problem(StatusCodes.Status503ServiceUnavailable, "server-busy", "Too many clients are sending right now; nothing was stored.");
        }
        var eventType = string.IsNullOrWhiteSpace(request.EventType) ? "payment.captured" : request.EventType.Trim();
        var payload = request.Payload is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } given
            ? Encoding.UTF8.GetBytes(given.GetRawText())
            : SamplePayload(eventType, time.GetUtcNow());
        try
        {
            var delivery = await sender.EnqueueAsync(new WebhookMessage(url, secret!, eventType, payload), cancellationToken);
            return TypedResults.Accepted($"/api/sender/deliveries/{delivery.Id}", DeliveryView.From(delivery) with { Secret = chosen ? secret : null });
        }
        catch (DestinationRefusedException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "destination-refused", ex.Message);
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

    // Same scheme and authority as the request (which AllowedHosts pins outside Development).
    private static bool IsOnThisServer(Uri url, HttpRequest request)
        => string.Equals(url.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool IsAllowedHost(Uri url, SenderApiOptions options)
        => options.AllowedHosts.Any(host => string.Equals(host.Trim(), url.IdnHost, StringComparison.OrdinalIgnoreCase));

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
        => HttpProblems.Result(status, reason, "Sender request refused", detail);
}
