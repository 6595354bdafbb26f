using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// A named broadcaster: assigns increasing ids, keeps the recent events for replay and fans each event out
/// to every subscriber's own bounded queue. Publishing never waits on a subscriber.
/// </summary>
public sealed class SseTopic
{
    private readonly Lock _gate = new();
    private readonly SseEventLog _log;
    private readonly List<SseSubscription> _subscribers = [];
    private readonly int _queueCapacity;
    private readonly ILogger _logger;
    private long _lastId;

    internal SseTopic(string name, ServerSentEventsOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberQueueCapacity, 1);
        Name = name;
        _log = new SseEventLog(options.LogCapacity);
        _queueCapacity = options.SubscriberQueueCapacity;
        _logger = logger;
    }

    /// <summary>The topic's name.</summary>
    public string Name { get; }

    /// <summary>The id of the latest published event (0 before the first).</summary>
    public long LastEventId { get { lock (_gate) return _lastId; } }

    /// <summary>How many subscribers are currently attached.</summary>
    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    /// <summary>Publishes an event to every subscriber and to the replay log.</summary>
    /// <param name="eventName">The <c>event:</c> name, or <see langword="null"/> (or empty) for a plain message.</param>
    /// <param name="data">The payload; may span several lines.</param>
    /// <returns>The event with its assigned id.</returns>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    public SseEvent Publish(string? eventName, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        SseFieldValidator.EnsureSingleLine(eventName, nameof(eventName));
        if (eventName?.Length == 0) eventName = null;

        List<SseSubscription>? slow = null;
        SseEvent item;
        lock (_gate)
        {
            item = new SseEvent(++_lastId, eventName, data);
            _log.Append(item);
            foreach (var subscriber in _subscribers)
                if (!subscriber.TryDeliver(item)) (slow ??= []).Add(subscriber);
            if (slow is not null)
                foreach (var subscriber in slow) _subscribers.Remove(subscriber);
        }
        if (slow is not null)
        {
            foreach (var subscriber in slow)
                if (subscriber.End(SseSubscriptionEnd.TooSlow)) SseLog.SlowSubscriberDropped(_logger, Name, _queueCapacity);
        }
        return item;
    }

    /// <summary>Publishes <paramref name="value"/> serialized as JSON (web defaults: camelCase).</summary>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    public SseEvent PublishJson<T>(string? eventName, T value)
        => Publish(eventName, JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    /// <summary>
    /// Attaches a subscriber. The replay and the live queue are decided under one lock, so nothing published
    /// meanwhile is lost or delivered twice.
    /// </summary>
    /// <param name="lastEventId">The id the client saw last (<c>Last-Event-ID</c>), or <see langword="null"/> for live only.</param>
    public SseSubscription Subscribe(string? lastEventId)
    {
        lock (_gate)
        {
            var plan = SseResume.Decide(lastEventId, _log, _lastId);
            var subscription = new SseSubscription(this, plan, _queueCapacity);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Ends every open subscription (their streams finish; clients reconnect and resume). Returns how many.</summary>
    public int DisconnectAll()
    {
        SseSubscription[] all;
        lock (_gate)
        {
            all = [.. _subscribers];
            _subscribers.Clear();
        }
        var ended = 0;
        foreach (var subscriber in all)
            if (subscriber.End(SseSubscriptionEnd.Disconnected)) ended++;
        return ended;
    }

    internal void Unsubscribe(SseSubscription subscription)
    {
        lock (_gate) _subscribers.Remove(subscription);
    }
}
