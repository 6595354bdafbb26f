using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Sends due outbox deliveries as a continuous pipeline: up to <see cref="WebhookSenderOptions.MaxConcurrency"/>
/// attempts in flight, and a free slot is filled by a new claim at once, so one slow or hanging endpoint holds
/// one slot (for at most the attempt timeout), never the deliveries behind it. Each delivery is recorded as soon
/// as its own attempt ends (<see cref="DeliveryRunner"/>).
/// </summary>
/// <remarks>
/// Lease invariant: rows are claimed only for free slots, so each starts at once; its attempt deadline counts
/// from the claim, so it ends by claim + <c>AttemptTimeout</c>; the lease runs to claim + <c>LeaseDuration</c>,
/// and start-up validation demands <c>LeaseDuration ≥ AttemptTimeout + MinimumLeaseMargin</c>, which leaves the
/// margin for recording. At-least-once: a crash between sending and recording means the lease runs out and the
/// delivery is sent again.
/// </remarks>
internal sealed partial class WebhookDispatcher(
    OutboxStore store,
    DispatchSignal signal,
    IHttpClientFactory clients,
    IOptions<WebhookOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly string _owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
    private readonly WebhookSenderOptions _options = options.Value.Sender;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var runner = new DeliveryRunner(store, clients, _options, time, logger, _owner);
        try
        {
            await PumpAsync(runner, slots, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: in-flight attempts see the same token and end; their leases run out if unrecorded.
        }
        finally
        {
            // Wait for the in-flight attempts (they see the cancelled token) so none outlives the store and client.
            Interlocked.Exchange(ref _stopping, 1);
            if (Volatile.Read(ref _running) > 0) await _drained.Task;
        }
    }

    private async Task PumpAsync(DeliveryRunner runner, SemaphoreSlim slots, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await slots.WaitAsync(token);
            var free = 1;
            while (free < _options.BatchSize && slots.Wait(0)) free++;
            List<OutboxRow> claimed;
            var claimedAt = time.GetTimestamp();
            try
            {
                var now = time.GetUtcNow();
                claimed = await store.ClaimDueAsync(_owner, now.ToUnixTimeMilliseconds(), (now + _options.LeaseDuration).ToUnixTimeMilliseconds(), free, token);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // A storage hiccup (e.g. a locked file) must not end dispatching for good.
                slots.Release(free);
                LogLoopFailed(logger, ex);
                await signal.WaitAsync(_options.PollInterval, time, token);
                continue;
            }
            foreach (var row in claimed) Start(runner, row, claimedAt, slots, token);
            if (claimed.Count == free) continue; // Maybe more are due: claim again as soon as a slot frees.
            slots.Release(free - claimed.Count);
            await signal.WaitAsync(_options.PollInterval, time, token);
        }
    }

    private void Start(DeliveryRunner runner, OutboxRow row, long claimedAt, SemaphoreSlim slots, CancellationToken token)
    {
        Interlocked.Increment(ref _running);
        // Not Task.Run(…, token): a cancelled start would skip RunAsync's finally and leak the slot and the count.
        _ = Task.Run(() => RunAsync(runner, row, claimedAt, slots, token));
    }

    private async Task RunAsync(DeliveryRunner runner, OutboxRow row, long claimedAt, SemaphoreSlim slots, CancellationToken token)
    {
        try
        {
            await runner.DeliverAsync(row, claimedAt, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the lease runs out and the next start sends it again.
        }
        catch (Exception ex)
        {
            // Not recorded (e.g. the database was locked for too long): the lease runs out and it is sent again.
            LogDeliveryFailed(logger, ex, row.Id);
        }
        finally
        {
            slots.Release();
            if (Interlocked.Decrement(ref _running) == 0 && Volatile.Read(ref _stopping) == 1) _drained.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch loop failed; retrying after the poll interval")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} could not be completed; it is retried when its lease runs out")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string deliveryId);
}
