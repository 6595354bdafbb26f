using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Workshop.Protocols.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>One receiver endpoint: checks a request in a fixed order and runs the handler only for a first, valid event.</summary>
internal sealed partial class WebhookReceiver(
    string scope,
    IWebhookVerifier verifier,
    Func<WebhookEvent, CancellationToken, Task> handler,
    IIdempotencyStore idempotency,
    WebhookReceiverOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookReceiver> logger)
{
    private readonly string _bodyScope = scope + "#body";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var token = context.RequestAborted;
        if (!IsJson(request.ContentType))
        {
            await RejectAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported-content-type", "The body must be application/json.");
            return;
        }
        var body = await BodyReader.ReadAsync(request, options.MaxBodyBytes, token);
        if (body is null)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "body-too-large", $"The body is larger than {options.MaxBodyBytes} bytes.");
            return;
        }
        var verdict = verifier.Verify(request.Headers, body);
        if (!verdict.IsValid)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, verdict.Reason, verdict.Detail);
            return;
        }
        if (string.IsNullOrWhiteSpace(verdict.EventId))
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "missing-event-id", $"Header '{verifier.EventIdHeader}' is required for idempotency.");
            return;
        }
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(body);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "malformed-json", "The body is not valid JSON.");
            return;
        }
        await DispatchAsync(context, new WebhookEvent(verifier.Scheme, verdict.EventId, body, payload, request.Headers, time.GetUtcNow()));
    }

    private async Task DispatchAsync(HttpContext context, WebhookEvent webhookEvent)
    {
        var token = context.RequestAborted;
        // Without a signed timestamp, the id header alone cannot stop a replay: the body's hash is claimed too.
        var bodyKey = verifier.SignsTimestamp ? null : Convert.ToHexStringLower(SHA256.HashData(webhookEvent.RawBody.Span));
        IdempotencyClaim claim;
        try
        {
            claim = await ClaimAsync(webhookEvent.EventId, bodyKey, token);
        }
        catch (WebhookStorageFullException)
        {
            await RejectAsync(context, StatusCodes.Status507InsufficientStorage, "storage-full", "The receiver's storage is full; retry later.");
            return;
        }
        if (claim == IdempotencyClaim.AlreadyProcessed)
        {
            LogDuplicate(logger, verifier.Scheme, webhookEvent.EventId);
            await Results.Ok(new { id = webhookEvent.EventId, duplicate = true }).ExecuteAsync(context);
            return;
        }
        if (claim == IdempotencyClaim.InProgress)
        {
            context.Response.Headers.RetryAfter = "1";
            await RejectAsync(context, StatusCodes.Status409Conflict, "in-progress", "The same event is being handled right now; retry later.");
            return;
        }
        try
        {
            await handler(webhookEvent, token);
        }
        catch (Exception ex)
        {
            // Give the claims back (even if the caller hung up) so the sender's retry can handle the event.
            await ReleaseAsync(webhookEvent.EventId, bodyKey);
            if (token.IsCancellationRequested) return;
            LogHandlerFailed(logger, ex, verifier.Scheme, webhookEvent.EventId);
            await RejectAsync(context, StatusCodes.Status500InternalServerError, "handler-failed", "The handler failed; the event may be retried.");
            return;
        }
        // The effect has happened: record it even if the caller hangs up now, or a retry would repeat it.
        await idempotency.CompleteAsync(scope, webhookEvent.EventId, lifetime.ApplicationStopping);
        if (bodyKey is not null) await idempotency.CompleteAsync(_bodyScope, bodyKey, lifetime.ApplicationStopping);
        LogAccepted(logger, verifier.Scheme, webhookEvent.EventId);
        await Results.Ok(new { id = webhookEvent.EventId, duplicate = false }).ExecuteAsync(context);
    }

    // Claims the event id, then (when given) the body hash. Claimed only when both are ours; a body already handled
    // under another id is a replay: the fresh id is recorded as handled too, and the answer is a duplicate.
    private async Task<IdempotencyClaim> ClaimAsync(string eventId, string? bodyKey, CancellationToken token)
    {
        var claim = await idempotency.TryClaimAsync(scope, eventId, token);
        if (claim != IdempotencyClaim.Claimed || bodyKey is null) return claim;
        IdempotencyClaim body;
        try
        {
            body = await idempotency.TryClaimAsync(_bodyScope, bodyKey, token);
        }
        catch (Exception)
        {
            await idempotency.ReleaseAsync(scope, eventId, lifetime.ApplicationStopping);
            throw;
        }
        if (body == IdempotencyClaim.Claimed) return IdempotencyClaim.Claimed;
        if (body == IdempotencyClaim.AlreadyProcessed)
        {
            await idempotency.CompleteAsync(scope, eventId, lifetime.ApplicationStopping);
            LogReplayedBody(logger, verifier.Scheme, eventId);
            return IdempotencyClaim.AlreadyProcessed;
        }
        await idempotency.ReleaseAsync(scope, eventId, lifetime.ApplicationStopping);
        return IdempotencyClaim.InProgress;
    }

    private async Task ReleaseAsync(string eventId, string? bodyKey)
    {
        await idempotency.ReleaseAsync(scope, eventId, lifetime.ApplicationStopping);
        if (bodyKey is not null) await idempotency.ReleaseAsync(_bodyScope, bodyKey, lifetime.ApplicationStopping);
    }

    private async Task RejectAsync(HttpContext context, int status, string reason, string detail)
    {
        LogRejected(logger, verifier.Scheme, status, reason);
        await HttpProblems.WriteAsync(context, status, reason, "Webhook rejected", detail);
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scheme} webhook rejected with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, WebhookScheme scheme, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scheme} webhook {EventId} accepted")]
    private static partial void LogAccepted(ILogger logger, WebhookScheme scheme, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Scheme} webhook {EventId} is a duplicate; handler not run again")]
    private static partial void LogDuplicate(ILogger logger, WebhookScheme scheme, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Scheme} webhook {EventId} carries a body already handled under another id (a replay); handler not run")]
    private static partial void LogReplayedBody(ILogger logger, WebhookScheme scheme, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Scheme} webhook {EventId} handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, WebhookScheme scheme, string eventId);
}
