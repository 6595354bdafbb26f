using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Diagnostics;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// One attempt at one claimed delivery: sends it with a fresh timestamp and signature (same event id every time)
/// and records the attempt and the next state at once, whatever the other deliveries in flight are doing.
/// </summary>
internal sealed partial class DeliveryRunner(
    OutboxStore store,
    IHttpClientFactory clients,
    WebhookSenderOptions options,
    TimeProvider time,
    ILogger logger,
    string owner)
{
    private readonly RetrySchedule _schedule = new(options.BaseDelay, options.MaxDelay, options.MaxAttempts);

    /// <summary>
    /// Delivers <paramref name="row"/>, claimed at <paramref name="claimedAt"/> (a <see cref="TimeProvider"/> timestamp).
    /// The attempt's deadline counts from the claim, not from when this method got to run, so a delivery never
    /// outlives claim + <see cref="WebhookSenderOptions.AttemptTimeout"/>: the lease (at least that plus
    /// <see cref="WebhookSenderOptions.MinimumLeaseMargin"/>) still holds when the result is recorded.
    /// </summary>
    public async Task DeliverAsync(OutboxRow row, long claimedAt, CancellationToken stoppingToken)
    {
        var remaining = options.AttemptTimeout - time.GetElapsedTime(claimedAt);
        using var timeout = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        if (row.EndpointDisabled)
        {
            await FinishAsync(row, null, "disabled", row.Attempts, 0, "The endpoint is disabled (it answered 410 Gone).", stoppingToken);
            return;
        }
        var attemptNumber = row.Attempts + 1;
        var started = time.GetUtcNow();
        var startedTicks = time.GetTimestamp();
        int? statusCode = null;
        AttemptVerdict verdict;
        string? error;
        TimeSpan? retryAfter = null;
        try
        {
            using var response = await SendAsync(row, started, timeout.Token, stoppingToken);
            statusCode = (int)response.StatusCode;
            (verdict, error, retryAfter) = AttemptOutcome.Classify(response, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // Shutting down: the lease runs out and the next start sends it again.
        }
        catch (OperationCanceledException)
        {
            (verdict, error) = (AttemptVerdict.Retry, $"No answer within {options.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            var refusedAttempt = new DeliveryAttempt(attemptNumber, started, time.GetElapsedTime(startedTicks), null, refusal.Message);
            await FinishAsync(row, refusedAttempt, "refused", attemptNumber, 0, refusal.Message, stoppingToken);
            LogRefused(logger, row.Id);
            return;
        }
        catch (HttpRequestException ex)
        {
            (verdict, error) = (AttemptVerdict.Retry, "Connection failed: " + ex.Message);
        }
        var attempt = new DeliveryAttempt(attemptNumber, started, time.GetElapsedTime(startedTicks), statusCode, error);
        await RecordAsync(row, attempt, verdict, retryAfter, stoppingToken);
    }

    private async Task RecordAsync(OutboxRow row, DeliveryAttempt attempt, AttemptVerdict verdict, TimeSpan? retryAfter, CancellationToken token)
    {
        switch (verdict)
        {
            case AttemptVerdict.Success:
                if (await FinishAsync(row, attempt, "succeeded", attempt.Number, 0, null, token))
                {
                    LogDelivered(logger, row.Id, attempt.Number, attempt.StatusCode ?? 0);
                    ProtocolMetrics.WebhookDelivered();
                }
                return;
            case AttemptVerdict.DisableEndpoint:
                await store.DisableEndpointAsync(row.Url, time.GetUtcNow().ToUnixTimeMilliseconds(), "410 Gone", token);
                await FinishAsync(row, attempt, "disabled", attempt.Number, 0, attempt.Error, token);
                LogDisabled(logger, row.Id);
                return;
        }
        var attemptsMade = row.Attempts + 1;
        var backoff = _schedule.NextDelay(attemptsMade);
        if (backoff is null)
        {
            if (await FinishAsync(row, attempt, "dead", attemptsMade, 0, attempt.Error, token))
                LogDeadLettered(logger, row.Id, attemptsMade);
            return;
        }
        // The receiver knows its own capacity better than our backoff does: honour Retry-After (bounded).
        var delay = retryAfter is { } asked ? TimeSpan.FromTicks(Math.Min(asked.Ticks, options.MaxRetryAfter.Ticks)) : backoff.Value;
        var next = time.GetUtcNow() + delay;
        if (await FinishAsync(row, attempt, "pending", attemptsMade, next.ToUnixTimeMilliseconds(), attempt.Error, token))
        {
            LogRetryScheduled(logger, row.Id, attemptsMade, attempt.StatusCode ?? 0, delay.TotalMilliseconds);
            ProtocolMetrics.WebhookRetried();
        }
    }

    private async Task<bool> FinishAsync(OutboxRow row, DeliveryAttempt? attempt, string status, int attempts, long next, string? error, CancellationToken token)
    {
        if (await store.FinishAsync(owner, row.Id, attempt, status, attempts, next, error, token)) return true;
        // Another dispatcher took the delivery over after our lease ran out; its result is the one that counts.
        LogLeaseLost(logger, row.Id);
        return false;
    }

    private async Task<HttpResponseMessage> SendAsync(OutboxRow row, DateTimeOffset now, CancellationToken timeout, CancellationToken stoppingToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, row.Url) { Content = new ByteArrayContent(row.Payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.IdHeader, row.EventId);
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.SignatureHeader, WebhookSigner.SignStandard(row.Secret, row.EventId, timestamp, row.Payload));
        request.Headers.TryAddWithoutValidation("User-Agent", "Workshop-Webhooks/1.0");
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout, stoppingToken);
        return await GuardedHttpClient.Create(clients).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
    }

    private static DestinationRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DestinationRefusedException refused) return refused;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} succeeded on attempt {Attempt} with {Status}")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} attempt {Attempt} failed ({Status}); retry in {DelayMs} ms")]
    private static partial void LogRetryScheduled(ILogger logger, string deliveryId, int attempt, int status, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} dead-lettered after {Attempts} attempts")]
    private static partial void LogDeadLettered(ILogger logger, string deliveryId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: endpoint answered 410 Gone and is disabled")]
    private static partial void LogDisabled(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: destination address refused at connect time")]
    private static partial void LogRefused(ILogger logger, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: lease lost before the result was recorded; another dispatcher owns it")]
    private static partial void LogLeaseLost(ILogger logger, string deliveryId);
}
