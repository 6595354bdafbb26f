using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Scaling;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.LiveFeed;

/// <summary>
/// Publishes a simulated match: a <c>score</c> event on every tick (minute, goals) and a <c>tick</c> event with a
/// share price every third tick, both as JSON. Driven by <see cref="TimeProvider"/>, so tests can use a fake clock.
/// Several instances publish one feed: only the holder of the <c>live-feed</c> lease publishes a tick; when it
/// dies, its lease expires after three intervals and another instance takes over. The match lives in the feed
/// itself: an instance that takes the lease (at start, or from a holder that died) first reads the topic's latest
/// <c>score</c> and <c>tick</c> events (through the shared stream with Redis) and goes on from them, so a takeover
/// neither restarts the match nor moves the score.
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
            while (await timer.WaitForNextTickAsync(stoppingToken)) await TickAsync(topic, stoppingToken);
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

    // What the lease answered at the last tick.
    private LeaseHold _last = LeaseHold.NotHeld;

    /// <summary>
    /// One tick: publishes the next minute when this instance holds the lease. An instance that just took the lease,
    /// or holds it again after an outage (when every instance served its own clients and another may have gone on
    /// with the match), first catches up from the shared stream, then asks again: restoring takes time, and the
    /// lease may have run out meanwhile (two publishers would double the feed).
    /// </summary>
    internal async Task TickAsync(SseTopic topic, CancellationToken cancellationToken)
    {
        var duration = options.Value.Interval * 3;
        var previous = _last;
        _last = await lease.HoldAsync(LeaseName, duration, cancellationToken);
        if (_last == LeaseHold.NotHeld) return;
        if (previous == LeaseHold.NotHeld || (previous == LeaseHold.Alone && _last == LeaseHold.Held))
        {
            await RestoreAsync(topic, cancellationToken);
            if (_last == LeaseHold.Held)
            {
                _last = await lease.HoldAsync(LeaseName, duration, cancellationToken);
                if (_last != LeaseHold.Held) return; // lost it while restoring, or Redis went away again: the next tick decides
            }
        }
        await PublishNextAsync(topic, cancellationToken);
    }

    /// <summary>Takes the match (minute, score, price) from the topic's latest events, when it has any.</summary>
    internal async Task RestoreAsync(SseTopic topic, CancellationToken cancellationToken)
    {
        using (await topic.SubscribeAsync(null, cancellationToken)) { } // catches this instance's copy up with the shared stream
        // The last few events hold the latest score (every tick) and price (every third tick).
        using var recent = await topic.SubscribeAsync(Math.Max(0, topic.LastEventId - 8).ToString(CultureInfo.InvariantCulture), cancellationToken);
        foreach (var item in recent.Plan.Replay)
        {
            try
            {
                using var json = JsonDocument.Parse(item.Data);
                var root = json.RootElement;
                if (item.EventName == "score")
                    (_minute, _home, _away) = (root.GetProperty("minute").GetInt32(), root.GetProperty("home").GetInt32(), root.GetProperty("away").GetInt32());
                else if (item.EventName == "tick") _price = root.GetProperty("price").GetDecimal();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                LogUnreadable(logger, item.Id); // not the feed's own event: keep the state as it is
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live feed: event {Id} is not a score or tick the feed can go on from")]
    private static partial void LogUnreadable(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live feed publishing every {Interval}")]
    private static partial void LogStarted(ILogger logger, TimeSpan interval);
}
