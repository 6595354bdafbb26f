using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Sends due outbox deliveries: claims a batch with a lease, sends each with a fresh timestamp and signature
/// (same event id every time), and records the attempt and the next state. At-least-once: a crash between
/// sending and recording means the lease runs out and the delivery is sent again.
/// </summary>
internal sealed partial class WebhookDispatcher(
    OutboxStore store,
    DispatchSignal signal,
    WebhookHttpClient client,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly string _owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
    private readonly WebhookSenderOptions _options = options.Value.Sender;
    private readonly RetrySchedule _schedule = new(options.Value.Sender.BaseDelay, options.Value.Sender.MaxDelay, options.Value.Sender.MaxAttempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var batch = await store.ClaimDueAsync(_owner, now.ToUnixTimeMilliseconds(), (now + _options.LeaseDuration).ToUnixTimeMilliseconds(), _options.BatchSize, stoppingToken);
                if (batch.Count > 0)
                {
                    await Task.WhenAll(batch.Select(row => DeliverAsync(row, stoppingToken)));
                    continue;
                }
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A storage hiccup (e.g. a locked file) must not end dispatching for good.
                LogLoopFailed(logger, ex);
                await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
            }
        }
    }

    internal async Task DeliverAsync(OutboxRow row, CancellationToken stoppingToken)
    {
        if (await store.IsEndpointDisabledAsync(row.Url, stoppingToken))
        {
            await store.FinishAsync(_owner, row.Id, null, "disabled", row.Attempts, 0, "The endpoint is disabled (it answered 410 Gone).", stoppingToken);
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
            using var response = await SendAsync(row, started, stoppingToken);
            statusCode = (int)response.StatusCode;
            (verdict, error, retryAfter) = AttemptOutcome.Classify(response, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // Shutting down: the lease runs out and the next start sends it again.
        }
        catch (OperationCanceledException)
        {
            (verdict, error) = (AttemptVerdict.Retry, $"No answer within {_options.AttemptTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            var refusedAttempt = new DeliveryAttempt(attemptNumber, started, time.GetElapsedTime(startedTicks), null, refusal.Message);
            await store.FinishAsync(_owner, row.Id, refusedAttempt, "refused", attemptNumber, 0, refusal.Message, stoppingToken);
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
                await store.FinishAsync(_owner, row.Id, attempt, "succeeded", attempt.Number, 0, null, token);
                LogDelivered(logger, row.Id, attempt.Number, attempt.StatusCode ?? 0);
                return;
            case AttemptVerdict.DisableEndpoint:
                await store.DisableEndpointAsync(row.Url, time.GetUtcNow().ToUnixTimeMilliseconds(), "410 Gone", token);
                await store.FinishAsync(_owner, row.Id, attempt, "disabled", attempt.Number, 0, attempt.Error, token);
                LogDisabled(logger, row.Id);
                return;
        }
        var attemptsMade = row.Attempts + 1;
        var backoff = _schedule.NextDelay(attemptsMade);
        if (backoff is null)
        {
            await store.FinishAsync(_owner, row.Id, attempt, "dead", attemptsMade, 0, attempt.Error, token);
            LogDeadLettered(logger, row.Id, attemptsMade);
            return;
        }
        // The receiver knows its own capacity better than our backoff does: honour Retry-After (bounded).
        var delay = retryAfter is { } asked ? TimeSpan.FromTicks(Math.Min(asked.Ticks, _options.MaxRetryAfter.Ticks)) : backoff.Value;
        var next = time.GetUtcNow() + delay;
        await store.FinishAsync(_owner, row.Id, attempt, "pending", attemptsMade, next.ToUnixTimeMilliseconds(), attempt.Error, token);
        LogRetryScheduled(logger, row.Id, attemptsMade, attempt.StatusCode ?? 0, delay.TotalMilliseconds);
    }

    private async Task<HttpResponseMessage> SendAsync(OutboxRow row, DateTimeOffset now, CancellationToken stoppingToken)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, row.Url) { Content = new ByteArrayContent(row.Payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.IdHeader, row.EventId);
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(StandardWebhookVerifier.SignatureHeader, WebhookSigner.SignStandard(row.Secret, row.EventId, timestamp, row.Payload));
        request.Headers.TryAddWithoutValidation("User-Agent", "Workshop-Webhooks/1.0");
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        return await client.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch loop failed; retrying after the poll interval")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);
}
