using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Workshop.Protocols.Redis;

/// <summary>
/// The one Redis connection shared by the backplanes of this instance. It connects asynchronously and never fails
/// startup when Redis is down: it keeps reconnecting, reports the outage (log and <see cref="Problem"/>) and
/// re-establishes the subscriptions when Redis is back. Commands fail fast while disconnected instead of queuing.
/// Nothing here waits on the network under a lock.
/// </summary>
public sealed class RedisBackplaneConnection : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<ConnectionType, (DateTimeOffset Since, string What)> _down = [];
    private readonly List<RedisSubscription> _pending = [];
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly string _endpoints;

    // How long a subscription refused on a live connection waits before it is tried again.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Starts connecting in the background (see <see cref="ConnectedAsync"/>).</summary>
    public RedisBackplaneConnection(IOptions<RedisBackplaneOptions> options, TimeProvider time, ILogger<RedisBackplaneConnection> logger)
    {
        var settings = options.Value;
        _logger = logger;
        _time = time;
        KeyPrefix = settings.KeyPrefix ?? "";
        KeyRetention = settings.KeyRetention;
        PresenceInterval = settings.PresenceInterval;
        var config = ConfigurationOptions.Parse(
            string.IsNullOrWhiteSpace(settings.Configuration) ? RedisBackplaneOptions.DefaultConfiguration : settings.Configuration);
        config.AbortOnConnectFail = false;            // start without Redis; reconnect in the background
        config.BacklogPolicy = BacklogPolicy.FailFast; // never hold a publish while Redis is away
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, 2000);
        config.SyncTimeout = Math.Min(config.SyncTimeout, 2000);
        config.AsyncTimeout = Math.Min(config.AsyncTimeout, 2000); // a stalled Redis: fall back to local delivery soon
        config.ReconnectRetryPolicy = new LinearRetry(500);
        config.ClientName ??= "workshop-" + InstanceId.ToString("N")[..8];
        _endpoints = string.Join(",", config.EndPoints.Select(e => e.ToString()));
        BackplaneLog.Connecting(logger, _endpoints, KeyPrefix, InstanceId.ToString("N"));
        lock (_gate) _down[ConnectionType.Interactive] = (_time.GetUtcNow(), $"connecting to {_endpoints}");
        _connecting = ConnectAsync(config);
    }

    /// <summary>This process's id, carried in every envelope so an instance ignores its own messages.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Prefix of every key and channel.</summary>
    public string KeyPrefix { get; }

    /// <summary>How long a key lives after its last write (see <see cref="RedisBackplaneOptions.KeyRetention"/>).</summary>
    public TimeSpan KeyRetention { get; }

    /// <summary>How often the heartbeat renews this instance's presence.</summary>
    public TimeSpan PresenceInterval { get; }

    /// <summary>How long a heartbeat (and a presence entry) lives without renewal: three intervals.</summary>
    public TimeSpan HeartbeatTtl => PresenceInterval * 3;

    /// <summary>True when commands can be sent now.</summary>
    public bool IsConnected => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    /// <summary>The database for commands; only valid while <see cref="IsConnected"/>.</summary>
    public IDatabase Database => _connecting.Result.GetDatabase();

    /// <summary>Why the backplane is degraded right now, or null when Redis is reachable.</summary>
    public string? Problem
    {
        get
        {
            lock (_gate)
            {
                if (_down.Count == 0) return IsConnected ? null : "redis is not connected";
                var (since, what) = _down.Values.MinBy(d => d.Since);
                return string.Create(CultureInfo.InvariantCulture,
                    $"redis unreachable since {since:O} ({what}): messages to other instances are lost until it returns; local clients are still served");
            }
        }
    }

    /// <summary>Completes when the first connection attempt has ended (connected or not; it goes on in the background).</summary>
    public Task ConnectedAsync(CancellationToken cancellationToken) => _connecting.WaitAsync(cancellationToken);

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions config)
    {
        await Task.Yield(); // never run the connection attempt on the constructor's thread
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(config);
        multiplexer.ConnectionFailed += OnFailed;
        multiplexer.ConnectionRestored += OnRestored;
        lock (_gate)
        {
            if (multiplexer.IsConnected) _down.Remove(ConnectionType.Interactive);
            else _down[ConnectionType.Interactive] = (_down.TryGetValue(ConnectionType.Interactive, out var d) ? d.Since : _time.GetUtcNow(), $"cannot connect to {_endpoints}");
        }
        if (!multiplexer.IsConnected) BackplaneLog.Unavailable(_logger, _endpoints, nameof(ConnectionType.Interactive), "cannot connect", null);
        return multiplexer;
    }

    /// <summary>
    /// Subscribes with ordered delivery (each message waits for the previous handler's task). Returns at once: the
    /// subscription is made in the background, and retried when Redis is back if it is refused. Dispose to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(RedisChannel channel, Func<ChannelMessage, Task> handler)
    {
        var subscription = new RedisSubscription(channel, handler, Forget);
        _ = StartAsync(subscription);
        return subscription;
    }

    private async Task StartAsync(RedisSubscription subscription)
    {
        try
        {
            var multiplexer = await _connecting;
            var queue = await multiplexer.GetSubscriber().SubscribeAsync(subscription.Channel);
            if (!subscription.Attach(queue))
            {
                await queue.UnsubscribeAsync(CommandFlags.FireAndForget); // disposed meanwhile
                return;
            }
            queue.OnMessage(subscription.HandleAsync);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.SubscribeFailed(_logger, subscription.Channel.ToString(), e);
            lock (_gate) _pending.Add(subscription);
            // "Restored" may have drained the pending list before this one joined it, or never come (a timeout on a
            // live connection): then no event retries it, so a retry is scheduled while connected.
            if (IsConnected) _ = RetryPendingLaterAsync();
        }
        catch (Exception e)
        {
            // Not awaited by anyone: a failure that is no Redis outage would otherwise vanish.
            BackplaneLog.Unexpected(_logger, "subscribe", subscription.Channel.ToString(), e);
        }
    }

    private async Task RetryPendingLaterAsync()
    {
        try
        {
            await Task.Delay(RetryDelay, _time); // a pause, so a Redis that keeps refusing is not asked in a tight loop
            if (IsConnected) RetryPending();
        }
        catch (Exception e)
        {
            BackplaneLog.Unexpected(_logger, "subscribe retry", _endpoints, e);
        }
    }

    private void RetryPending()
    {
        List<RedisSubscription> retry;
        lock (_gate)
        {
            retry = [.. _pending];
            _pending.Clear();
        }
        foreach (var subscription in retry) _ = StartAsync(subscription);
    }

    private void Forget(RedisSubscription subscription)
    {
        lock (_gate) _pending.Remove(subscription);
    }

    /// <summary>Publishes without waiting for Redis's answer (a lost message is the documented outage behaviour).</summary>
    public Task PublishAsync(RedisChannel channel, RedisValue message)
        => IsConnected ? _connecting.Result.GetSubscriber().PublishAsync(channel, message, CommandFlags.FireAndForget) : Task.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await (await _connecting).DisposeAsync();
        }
        catch (RedisException)
        {
            // Never connected: nothing to close.
        }
    }

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
        lock (_gate) outage = _down.Remove(e.ConnectionType, out var down) ? _time.GetUtcNow() - down.Since : TimeSpan.Zero;
        BackplaneLog.Restored(_logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString(), outage);
        RetryPending();
    }
}
