using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Workshop.Protocols.Redis;

/// <summary>
/// The one Redis connection shared by the WebSocket and SSE backplanes of this instance. It never fails startup
/// when Redis is down: it keeps reconnecting, reports the outage (log and <see cref="Problem"/>) and re-establishes
/// the subscriptions when Redis is back. Commands fail fast while disconnected instead of queuing.
/// </summary>
public sealed class RedisBackplaneConnection : IDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<ConnectionType, (DateTimeOffset Since, string What)> _down = [];
    private readonly List<Subscription> _pending = [];

    /// <summary>Connects (in the background when Redis is not reachable yet).</summary>
    public RedisBackplaneConnection(IOptions<RedisBackplaneOptions> options, TimeProvider time, ILogger<RedisBackplaneConnection> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _time = time;
        KeyPrefix = settings.KeyPrefix ?? "";
        var config = ConfigurationOptions.Parse(
            string.IsNullOrWhiteSpace(settings.Configuration) ? RedisBackplaneOptions.DefaultConfiguration : settings.Configuration);
        config.AbortOnConnectFail = false;            // start without Redis; reconnect in the background
        config.BacklogPolicy = BacklogPolicy.FailFast; // never hold a publish while Redis is away
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 2000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 2000); // a stalled Redis: fall back to local delivery soon
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.ClientName ??= "workshop-" + InstanceId.ToString("N")[..8];
        var endpoints = string.Join(",", config.EndPoints.Select(e => e.ToString()));
        BackplaneLog.Connecting(logger, endpoints, KeyPrefix, InstanceId.ToString("N"));
        _multiplexer = ConnectionMultiplexer.Connect(config);
        _multiplexer.ConnectionFailed += OnFailed;
        _multiplexer.ConnectionRestored += OnRestored;
        if (!_multiplexer.IsConnected)
            lock (_gate) _down[ConnectionType.Interactive] = (_time.GetUtcNow(), $"cannot connect to {endpoints}");
    }

    /// <summary>This process's id, carried in every envelope so an instance ignores its own messages.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Prefix of every key and channel.</summary>
    public string KeyPrefix { get; }

    /// <summary>True when commands can be sent now.</summary>
    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>The database for commands.</summary>
    public IDatabase Database => _multiplexer.GetDatabase();

    /// <summary>Why the backplane is degraded right now, or null when Redis is reachable.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
            {
                if (_down.Count == 0) return _multiplexer.IsConnected ? null : "redis is not connected";
                var (since, what) = _down.Values.MinBy(d => d.Since);
                return string.Create(CultureInfo.InvariantCulture,
                    $"redis unreachable since {since:O} ({what}): messages to other instances are lost until it returns; local clients are still served");
            }
        }
    }

    /// <summary>
    /// Subscribes with ordered delivery; a subscription refused while Redis is down is retried on restore.
    /// Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(RedisChannel channel, Action<ChannelMessage> handler)
    {
        var subscription = new Subscription(this, channel, handler);
        Start(subscription);
        return subscription;
    }

    private void Start(Subscription subscription)
    {
        try
        {
            var queue = _multiplexer.GetSubscriber().Subscribe(subscription.Channel);
            queue.OnMessage(subscription.Handler);
            if (!subscription.Attach(queue)) queue.Unsubscribe(CommandFlags.FireAndForget); // disposed meanwhile
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.SubscribeFailed(_logger, subscription.Channel.ToString(), e);
            lock (_gate) _pending.Add(subscription);
        }
    }

    private void Forget(Subscription subscription)
    {
        lock (_gate) _pending.Remove(subscription);
    }

    /// <summary>Publishes without waiting for the answer (a lost message is the documented outage behaviour).</summary>
    public void Publish(RedisChannel channel, RedisValue message)
        => _multiplexer.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);

    /// <inheritdoc />
    public void Dispose() => _multiplexer.Dispose();

    private void OnFailed(object? sender, ConnectionFailedEventArgs e)
    {
        lock (_gate)
        {
            if (_down.ContainsKey(e.ConnectionType)) return; // one report per outage, not one per retry
            _down[e.ConnectionType] = (_time.GetUtcNow(), $"{e.EndPoint}: {e.FailureType}");
        }
        BackplaneLog.Unavailable(_logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString(), e.FailureType.ToString(), e.Exception);
    }

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        TimeSpan outage;
        List<Subscription> retry;
        lock (_gate)
        {
            outage = _down.Remove(e.ConnectionType, out var down) ? _time.GetUtcNow() - down.Since : TimeSpan.Zero;
            if (e.ConnectionType == ConnectionType.Interactive) _down.Remove(ConnectionType.Interactive);
            retry = [.. _pending];
            _pending.Clear();
        }
        BackplaneLog.Restored(_logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString(), outage);
        foreach (var subscription in retry) Start(subscription);
    }

    /// <summary>One channel subscription; disposing it unsubscribes (or cancels a pending retry).</summary>
    private sealed class Subscription(RedisBackplaneConnection owner, RedisChannel channel, Action<ChannelMessage> handler) : IDisposable
    {
        private readonly Lock _gate = new();
        private ChannelMessageQueue? _queue;
        private bool _disposed;

        public RedisChannel Channel => channel;

        public Action<ChannelMessage> Handler => handler;

        public bool Attach(ChannelMessageQueue queue)
        {
            lock (_gate)
            {
                if (_disposed) return false;
                _queue = queue;
                return true;
            }
        }

        public void Dispose()
        {
            ChannelMessageQueue? queue;
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                queue = _queue;
            }
            owner.Forget(this);
            queue?.Unsubscribe(CommandFlags.FireAndForget);
        }
    }
}
