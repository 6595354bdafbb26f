using Microsoft.Extensions.Options;
using Workshop.Protocols.Scaling;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.LiveFeed;

/// <summary>
/// Publishes a simulated match: a <c>score</c> event on every tick (minute, goals) and a <c>tick</c> event with a
/// share price every third tick, both as JSON. Driven by <see cref="TimeProvider"/>, so tests can use a fake clock.
/// Several instances publish one feed: only the holder of the <c>live-feed</c> lease publishes a tick; when it
/// dies, its lease expires after three intervals and another instance takes over. The match (minute, score, price)
/// is kept per process, not in the shared store: after a takeover the feed goes on with the new holder's own match,
/// so clients see the minute and score jump (acceptable for a simulation; a real feed's state would be shared).
/// </summary>
internal sealed partial class LiveFeedPublisher(
    ISseTopics topics, IOptions<LiveFeedOptions> options, TimeProvider time, ILogger<LiveFeedPublisher> logger, IInstanceLease lease) : BackgroundService
{
    private const string LeaseName = "live-feed";

    private readonly Random _random = new();
    private int _minute;
    private int _home;
    private int _away;
    private decimal _price = 100m;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topic = topics.Get(LiveFeedOptions.Topic);
        LogStarted(logger, options.Value.Interval);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                if (await lease.TryHoldAsync(LeaseName, options.Value.Interval * 3, stoppingToken))
                    await PublishNextAsync(topic, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        finally
        {
            await lease.ReleaseAsync(LeaseName); // another instance takes over at its next tick
        }
    }

    internal async Task PublishNextAsync(SseTopic topic, CancellationToken cancellationToken)
    {
        _minute = _minute % 90 + 1;
        if (_minute == 1) (_home, _away) = (0, 0);
        var roll = _random.Next(100);
        if (roll < 4) _home++;
        else if (roll < 8) _away++;
        var at = time.GetUtcNow();
        await topic.PublishJsonAsync("score", new { match = "Lions v Tigers", minute = _minute, home = _home, away = _away, at }, cancellationToken);
        if (_minute % 3 == 0)
        {
            _price = Math.Round(_price * (1 + (decimal)(_random.NextDouble() - 0.5) / 50), 2);
            await topic.PublishJsonAsync("tick", new { symbol = "WSHP", price = _price, at }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed publishing every {Interval}")]
    private static partial void LogStarted(ILogger logger, TimeSpan interval);
}
