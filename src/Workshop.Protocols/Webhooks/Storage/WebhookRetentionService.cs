using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Deletes what is older than <see cref="WebhookOptions.Retention"/>: finished deliveries and their attempts,
/// idempotency records (done, or processing with an expired lease) and disabled endpoints. Sweeps shortly after
/// start and then every <see cref="WebhookOptions.RetentionInterval"/>, on the <see cref="TimeProvider"/>'s clock.
/// </summary>
internal sealed partial class WebhookRetentionService(
    RetentionStore store,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookRetentionService> logger) : BackgroundService
{
    /// <summary>Delay of the first sweep after start (start-up has other work to do first).</summary>
    public static readonly TimeSpan FirstSweepDelay = TimeSpan.FromSeconds(10);

    private readonly WebhookOptions _options = options.Value;

    /// <summary>Completes each sweep (for tests): the number of rows deleted.</summary>
    public event Action<RetentionSweep>? Swept;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var token = stopping.Token;
        try
        {
            await Task.Delay(FirstSweepDelay, time, token);
            while (!token.IsCancellationRequested)
            {
                await SweepOnceAsync(token);
                await Task.Delay(_options.RetentionInterval, time, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One sweep; a failure is logged and the next interval tries again.</summary>
    public async Task SweepOnceAsync(CancellationToken token)
    {
        var now = time.GetUtcNow();
        var cutoff = (now - _options.Retention).ToUnixTimeMilliseconds();
        var expiredClaims = (now - _options.Receiver.ClaimLease).ToUnixTimeMilliseconds();
        try
        {
            var sweep = await store.SweepAsync(cutoff, Math.Min(cutoff, expiredClaims), RetentionStore.DefaultBatchSize, token);
            if (sweep.Total > 0) LogSwept(logger, sweep.Deliveries, sweep.Received, sweep.Endpoints);
            Swept?.Invoke(sweep);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook retention deleted {Deliveries} deliveries, {Received} idempotency records and {Endpoints} disabled endpoints")]
    private static partial void LogSwept(ILogger logger, int deliveries, int received, int endpoints);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook retention sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
