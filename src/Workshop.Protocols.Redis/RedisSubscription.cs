using StackExchange.Redis;

namespace Workshop.Protocols.Redis;

/// <summary>One channel subscription of <see cref="RedisBackplaneConnection"/>; disposing it unsubscribes (or cancels a pending retry).</summary>
internal sealed class RedisSubscription(RedisChannel channel, Func<ChannelMessage, Task> handler, Action<RedisSubscription> forget) : IDisposable
{
    private readonly Lock _gate = new();
    private ChannelMessageQueue? _queue;
    private bool _disposed;

    public RedisChannel Channel => channel;

    /// <summary>The handler, silent once disposed (an unsubscription is asynchronous: messages may still arrive meanwhile).</summary>
    public Task HandleAsync(ChannelMessage message)
    {
        lock (_gate)
        {
            if (_disposed) return Task.CompletedTask;
        }
        return handler(message);
    }

    /// <summary>Keeps the queue to unsubscribe later; false when already disposed (the caller unsubscribes it).</summary>
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
        forget(this);
        _ = queue?.UnsubscribeAsync(CommandFlags.FireAndForget); // not awaited: the caller never waits on Redis
    }
}
