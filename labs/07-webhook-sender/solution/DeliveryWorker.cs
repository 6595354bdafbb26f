using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

/// <summary>Delivers due events from the outbox: one attempt at a time per event, the outcome saved after each.</summary>
public sealed partial class DeliveryWorker(Outbox outbox, IOptions<SenderOptions> options, TimeProvider time, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    // TODO 2 solved (2xx only): why no redirects: a 3xx is not "delivered". Following it would post the event to a
    // URL nobody registered (and the redirect target's 200 would count as success).
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();
    private readonly SenderOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var due in outbox.Due(time.GetUtcNow()))
                {
                    if (!_inFlight.TryAdd(due.Id, 0)) continue; // its previous attempt is still running
                    _ = Task.Run(() => AttemptAsync(due, stoppingToken), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: pending events stay in the outbox and go out after the next start.
        }
    }

    private async Task AttemptAsync(OutboxEvent pending, CancellationToken stoppingToken)
    {
        try
        {
            var number = pending.Attempts.Count + 1;
            var startedAt = time.GetUtcNow();
            var (status, error) = await PostAsync(pending, startedAt, stoppingToken);
            // TODO 2 solved (retry): why only 2xx: 4xx/5xx/3xx, a timeout or a refused connection all mean "not
            // delivered", so the event stays pending and is tried again after a growing wait, with the SAME id.
            var delivered = status is >= 200 and < 300;
            TimeSpan? wait = delivered || number >= _options.MaxAttempts ? null : Backoff.Delay(number, _options.BaseDelay, _options.MaxDelay);
            var attempt = new Attempt(number, startedAt, status, error, wait?.TotalMilliseconds);
            var next = pending with
            {
                Attempts = [.. pending.Attempts, attempt],
                Status = delivered ? "delivered" : wait is null ? "failed" : "pending",
                NextAttemptAt = time.GetUtcNow() + (wait ?? TimeSpan.Zero),
            };
            outbox.Save(next);
            LogAttempt(logger, pending.Id, number, status?.ToString(CultureInfo.InvariantCulture) ?? error ?? "?", next.Status);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, pending.Id, e);
        }
        finally
        {
            _inFlight.TryRemove(pending.Id, out _);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(OutboxEvent pending, DateTimeOffset now, CancellationToken stoppingToken)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, pending.Url)
        {
            Content = new StringContent(pending.Body, Encoding.UTF8, "application/json"),
        };
        // A fresh timestamp and signature per attempt (receivers reject old timestamps), the same id every time.
        request.Headers.Add("webhook-id", pending.Id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Signer.Sign(_options.Secret, pending.Id, timestamp, pending.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {Id} attempt {Number}: {Outcome} -> {Status}")]
    private static partial void LogAttempt(ILogger logger, string id, int number, string outcome, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Id}: the attempt could not be recorded")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);
}
