using System.Text.Json;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Diagnostics;

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
    private readonly ISseBackplane _backplane;
    private readonly IDisposable _feed;
    private readonly ITimer _heartbeat;
    private readonly CancellationTokenSource _detached = new();
    private long _lastId;
    private bool _activeSinceHeartbeat;

    internal SseTopic(string name, ServerSentEventsOptions options, ILogger logger, ISseBackplane? backplane = null, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberQueueCapacity, 1);
        Name = name;
        _log = new SseEventLog(options.LogCapacity);
        _queueCapacity = options.SubscriberQueueCapacity;
        _logger = logger;
        _backplane = backplane ?? InMemorySseBackplane.Instance;
        // A shared backplane: follow every instance from now on. The shared history is read by the first
        // SubscribeAsync or PublishAsync (asynchronously), never here: a constructor must not wait on the network.
        _feed = _backplane.Subscribe(name, ApplyAsync);
        // One clock for all of the topic's streams instead of a timer per subscriber (memory per idle stream).
        _heartbeat = (time ?? TimeProvider.System).CreateTimer(
            static state => ((SseTopic)state!).Heartbeat(), this, options.HeartbeatInterval, options.HeartbeatInterval);
    }

    /// <summary>The topic's name.</summary>
    public string Name { get; }

    /// <summary>The id of the latest published event (0 before the first).</summary>
    public long LastEventId { get { lock (_gate) return _lastId; } }

    /// <summary>How many subscribers are currently attached.</summary>
    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    /// <summary>
    /// Publishes an event to every subscriber and to the replay log, for a topic of this process only (the in-memory
    /// backplane, where it never waits). A topic shared through a backplane refuses it: use <see cref="PublishAsync"/>,
    /// which never blocks a thread on the network.
    /// </summary>
    /// <param name="eventName">The <c>event:</c> name, or <see langword="null"/> (or empty) for a plain message.</param>
    /// <param name="data">The payload; may span several lines.</param>
    /// <returns>The event with its assigned id.</returns>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    /// <exception cref="InvalidOperationException">The topic is shared through a backplane.</exception>
    public SseEvent Publish(string? eventName, string data)
    {
        EnsureLocal(nameof(PublishAsync));
        ArgumentNullException.ThrowIfNull(data);
        SseFieldValidator.EnsureSingleLine(eventName, nameof(eventName));
        return PublishLocally(eventName?.Length == 0 ? null : eventName, data);
    }

    private void EnsureLocal(string instead)
    {
        if (_backplane.IsShared)
            throw new InvalidOperationException($"Topic '{Name}' is shared through the {_backplane.Name} backplane: use {instead}, which does not block on the network.");
    }

    /// <summary>
    /// Publishes an event to every subscriber and to the replay log. With a shared backplane the id comes from the
    /// store, awaited outside the topic's lock, so a slow store never holds up subscribers or other publishers.
    /// </summary>
    /// <param name="eventName">The <c>event:</c> name, or <see langword="null"/> (or empty) for a plain message.</param>
    /// <param name="data">The payload; may span several lines.</param>
    /// <param name="cancellationToken">Stops waiting for the store (the event may still be published through it).</param>
    /// <returns>The event with its assigned id.</returns>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    public async ValueTask<SseEvent> PublishAsync(string? eventName, string data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        SseFieldValidator.EnsureSingleLine(eventName, nameof(eventName));
        if (eventName?.Length == 0) eventName = null;
        if (!_backplane.IsShared) return PublishLocally(eventName, data);

        var id = await _backplane.AppendAsync(Name, eventName, data, LastEventId, cancellationToken);
        // Null: the shared store is unreachable; number it locally (served to this instance's clients only).
        if (id is not { } assigned) return PublishLocally(eventName, data);

        // Every smaller id is already in the store (the append script numbers and stores atomically), but the
        // channel may not have brought them here yet: fetch those first, so they are not skipped as "older".
        // (Cancelled here, the event is stored anyway and arrives through the channel, gap filled.)
        var known = LastEventId;
        var missed = assigned > known + 1 ? await _backplane.ReadAfterAsync(Name, known, cancellationToken) : [];
        var item = new SseEvent(assigned, eventName, data);
        List<SseSubscription>? slow = null;
        lock (_gate)
        {
            foreach (var earlier in missed)
                if (earlier.Id < assigned && earlier.Id > _lastId) AppendLocked(earlier, ref slow);
            if (assigned > _lastId) AppendLocked(item, ref slow); // else the channel brought it meanwhile
        }
        EndSlow(slow);
        return item;
    }

    private SseEvent PublishLocally(string? eventName, string data)
    {
        List<SseSubscription>? slow = null;
        SseEvent item;
        lock (_gate)
        {
            item = new SseEvent(_lastId + 1, eventName, data);
            AppendLocked(item, ref slow);
        }
        EndSlow(slow);
        return item;
    }

    /// <summary>
    /// An event from the shared backplane (any instance), heard in order: applied once, in id order. A gap (a
    /// missed channel message) is filled from the store, read outside the lock.
    /// </summary>
    private async Task ApplyAsync(SseEvent item)
    {
        List<SseSubscription>? slow = null;
        long after;
        if (_detached.IsCancellationRequested) return; // removed: no longer follows the other instances
        lock (_gate)
        {
            if (item.Id <= _lastId) return; // already applied (our own publish, or read while filling a gap)
            after = _lastId;
            if (item.Id == after + 1) AppendLocked(item, ref slow);
        }
        if (item.Id > after + 1)
        {
            IReadOnlyList<SseEvent> missed;
            try
            {
                missed = await _backplane.ReadAfterAsync(Name, after, _detached.Token);
            }
            catch (OperationCanceledException)
            {
                return; // the topic was removed meanwhile
            }
            lock (_gate)
            {
                foreach (var earlier in missed)
                    if (earlier.Id < item.Id && earlier.Id > _lastId) AppendLocked(earlier, ref slow);
                if (item.Id > _lastId) AppendLocked(item, ref slow);
            }
        }
        EndSlow(slow);
    }

    private void AppendLocked(SseEvent item, ref List<SseSubscription>? slow)
    {
        _lastId = item.Id;
        _activeSinceHeartbeat = true;
        _log.Append(item);
        List<SseSubscription>? dropped = null;
        foreach (var subscriber in _subscribers)
            if (!subscriber.TryDeliver(item)) (dropped ??= []).Add(subscriber);
        if (dropped is null) return;
        foreach (var subscriber in dropped) _subscribers.Remove(subscriber);
        (slow ??= []).AddRange(dropped);
    }

    /// <summary>
    /// Every heartbeat interval: a <c>: ping</c> to each stream, unless the topic delivered an event since the last
    /// tick (its streams were not idle). So an open stream is never silent for longer than two intervals.
    /// </summary>
    private void Heartbeat()
    {
        lock (_gate)
        {
            if (_activeSinceHeartbeat)
            {
                _activeSinceHeartbeat = false;
                return;
            }
            foreach (var subscriber in _subscribers) subscriber.RequestHeartbeat();
        }
    }

    private void EndSlow(List<SseSubscription>? slow)
    {
        if (slow is null) return;
        foreach (var subscriber in slow)
        {
            if (!subscriber.End(SseSubscriptionEnd.TooSlow)) continue;
            SseLog.SlowSubscriberDropped(_logger, Name, _queueCapacity);
            ProtocolMetrics.Dropped(ProtocolMetrics.Sse);
        }
    }

    /// <summary>Publishes <paramref name="value"/> serialized as JSON (web defaults: camelCase); see <see cref="Publish"/>.</summary>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    /// <exception cref="InvalidOperationException">The topic is shared through a backplane.</exception>
    public SseEvent PublishJson<T>(string? eventName, T value)
        => Publish(eventName, JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    /// <summary>Publishes <paramref name="value"/> serialized as JSON (web defaults: camelCase); see <see cref="PublishAsync"/>.</summary>
    /// <exception cref="ArgumentException">The event name contains CR, LF or NUL.</exception>
    public ValueTask<SseEvent> PublishJsonAsync<T>(string? eventName, T value, CancellationToken cancellationToken = default)
        => PublishAsync(eventName, JsonSerializer.Serialize(value, JsonSerializerOptions.Web), cancellationToken);

    /// <summary>
    /// Attaches a subscriber to a topic of this process only (the in-memory backplane); a topic shared through a
    /// backplane refuses it: use <see cref="SubscribeAsync"/>. The replay and the live queue are decided under one
    /// lock, so nothing published meanwhile is lost or delivered twice.
    /// </summary>
    /// <param name="lastEventId">The id the client saw last (<c>Last-Event-ID</c>), or <see langword="null"/> for live only.</param>
    /// <exception cref="InvalidOperationException">The topic is shared through a backplane.</exception>
    public SseSubscription Subscribe(string? lastEventId)
    {
        EnsureLocal(nameof(SubscribeAsync));
        return Attach(lastEventId, []);
    }

    /// <summary>
    /// Attaches a subscriber. With a shared backplane, events another instance published that this one has not
    /// heard of yet are fetched first (outside the lock), so a client resuming here after another instance loses
    /// nothing. The replay and the live queue are then decided under one lock.
    /// </summary>
    /// <param name="lastEventId">The id the client saw last (<c>Last-Event-ID</c>), or <see langword="null"/> for live only.</param>
    /// <param name="cancellationToken">Stops waiting for the store.</param>
    public async ValueTask<SseSubscription> SubscribeAsync(string? lastEventId, CancellationToken cancellationToken = default)
    {
        var missed = _backplane.IsShared ? await _backplane.ReadAfterAsync(Name, LastEventId, cancellationToken) : [];
        return Attach(lastEventId, missed);
    }

    private SseSubscription Attach(string? lastEventId, IReadOnlyList<SseEvent> missed)
    {
        List<SseSubscription>? slow = null;
        try
        {
            lock (_gate)
            {
                foreach (var item in missed)
                    if (item.Id > _lastId) AppendLocked(item, ref slow);
                var plan = SseResume.Decide(lastEventId, _log, _lastId);
                var subscription = new SseSubscription(this, plan, _queueCapacity);
                _subscribers.Add(subscription);
                return subscription;
            }
        }
        finally
        {
            EndSlow(slow);
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

    /// <summary>Stops following the backplane (the topic was removed) and ends its streams.</summary>
    internal void Detach()
    {
        _detached.Cancel();
        _feed.Dispose();
        _heartbeat.Dispose();
        DisconnectAll();
    }

    internal void Unsubscribe(SseSubscription subscription)
    {
        lock (_gate) _subscribers.Remove(subscription);
    }
}
