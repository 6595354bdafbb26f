using System.Threading.Channels;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// One subscriber of a <see cref="SseTopic"/>: what to send first (<see cref="Plan"/>), then the live events
/// from its own bounded queue. Dispose it when the client goes away: that unsubscribes it.
/// </summary>
public sealed class SseSubscription : IDisposable
{
    private readonly Channel<SseEvent> _queue;
    private readonly SseTopic _topic;
    private int _ended;

    internal SseSubscription(SseTopic topic, SseResumePlan plan, int queueCapacity)
    {
        _topic = topic;
        Plan = plan;
        // Wait mode plus TryWrite: a full queue makes TryWrite fail at once, which is the signal to drop.
        _queue = Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The topic this subscription belongs to.</summary>
    public SseTopic Topic => _topic;

    /// <summary>The resume decision: replayed events (and a reset) to send before the live ones.</summary>
    public SseResumePlan Plan { get; }

    /// <summary>Live events published after subscribing. Completes when the subscriber is dropped or disconnected.</summary>
    public ChannelReader<SseEvent> Events => _queue.Reader;

    /// <summary>Why the live events ended, or <see langword="null"/> while still subscribed.</summary>
    public SseSubscriptionEnd? EndReason { get; private set; }

    internal bool TryDeliver(SseEvent item) => _queue.Writer.TryWrite(item);

    /// <summary>Ends the live events (the queued ones can still be read); returns false if already ended.</summary>
    internal bool End(SseSubscriptionEnd reason)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1) return false;
        EndReason = reason;
        _queue.Writer.TryComplete();
        return true;
    }

    /// <summary>Unsubscribes; safe to call more than once.</summary>
    public void Dispose()
    {
        _topic.Unsubscribe(this);
        End(SseSubscriptionEnd.Unsubscribed);
    }
}
