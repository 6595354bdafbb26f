using System.Threading.Channels;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// One subscriber of a <see cref="SseTopic"/>: what to send first (<see cref="Plan"/>), then the live events
/// from its own bounded queue. Dispose it when the client goes away: that unsubscribes it.
/// </summary>
public sealed class SseSubscription : IDisposable
{
    // The topic's heartbeat travels through the same queue as the events, so the stream has one thing to wait
    // on (no timer per subscriber); it is compared by reference and never shown to readers of Events.
    private static readonly SseEvent Heartbeat = new(0, null, string.Empty);

    private readonly Channel<SseEvent> _queue;
    private readonly SseTopic _topic;
    private ChannelReader<SseEvent>? _events;
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
    public ChannelReader<SseEvent> Events => _events ??= new WithoutHeartbeats(_queue.Reader);

    /// <summary>Why the live events ended, or <see langword="null"/> while still subscribed.</summary>
    public SseSubscriptionEnd? EndReason { get; private set; }

    /// <summary>The events and heartbeat markers, for the stream that writes them (see <see cref="IsHeartbeat"/>).</summary>
    internal ChannelReader<SseEvent> Deliveries => _queue.Reader;

    internal static bool IsHeartbeat(SseEvent item) => ReferenceEquals(item, Heartbeat);

    internal bool TryDeliver(SseEvent item) => _queue.Writer.TryWrite(item);

    /// <summary>Asks the stream for a heartbeat, only when nothing is waiting (a busy stream is alive anyway).</summary>
    internal void RequestHeartbeat()
    {
        if (_queue.Reader.Count == 0) _queue.Writer.TryWrite(Heartbeat);
    }

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

    /// <summary>The queue as readers of <see cref="Events"/> see it: events only.</summary>
    private sealed class WithoutHeartbeats(ChannelReader<SseEvent> inner) : ChannelReader<SseEvent>
    {
        public override Task Completion => inner.Completion;

        public override bool TryRead(out SseEvent item)
        {
            while (inner.TryRead(out item!))
                if (!IsHeartbeat(item)) return true;
            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
            => inner.WaitToReadAsync(cancellationToken);
    }
}
