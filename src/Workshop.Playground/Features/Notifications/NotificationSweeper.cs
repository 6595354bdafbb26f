namespace Workshop.Playground.Features.Notifications;

/// <summary>Forgets expired sessions and notifications on a timer, so what nobody touches again still goes.</summary>
internal sealed class NotificationSweeper(NotificationSessions sessions, NotificationCenter center, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<NotificationsOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                sessions.Sweep();
                center.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the app is stopping
        }
    }
}
