using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// One open stream of one user: what it must send first (the unread count with <c>retry</c>, then the replay after
/// <c>Last-Event-ID</c>) and a bounded queue of live items. Disposing it (once the response ends, or if it never
/// started) gives its place back to the <see cref="NotificationCenter"/>.
/// </summary>
public sealed class NotificationStream : IDisposable
{
    private readonly Action<NotificationStream> _close;
    private readonly IReadOnlyList<SseItem<string>> _first;
    private int _closed;

    internal NotificationStream(string user, int queue, IReadOnlyList<SseItem<string>> first, Action<NotificationStream> close)
    {
        User = user;
        _first = first;
        _close = close;
        // A slow reader loses its oldest items, never the server's memory; on reconnect it replays from its last id.
        Queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(queue) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }

    /// <summary>The user whose session opened it.</summary>
    public string User { get; }

    internal Channel<SseItem<string>> Queue { get; }

    /// <summary>What goes out first: the unread count (with <c>retry</c>), then the replay after <c>Last-Event-ID</c>.</summary>
    internal IReadOnlyList<SseItem<string>> First => _first;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) _close(this);
    }
}
