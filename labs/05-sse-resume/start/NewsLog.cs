using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

/// <summary>The news: the last 100 items (for replay) and everyone watching.</summary>
public sealed class NewsLog
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Id, string Text)> _recent = new();
    private readonly ConcurrentDictionary<Channel<SseItem<string>>, byte> _watchers = new();
    private long _lastId;

    public long Publish(string text)
    {
        lock (_gate)
        {
            var id = ++_lastId;
            _recent.Enqueue((id, text));
            if (_recent.Count > 100) _recent.Dequeue();
            var item = Item(id, text);
            foreach (var watcher in _watchers.Keys) watcher.Writer.TryWrite(item);
            return id;
        }
    }

    public int DropAll()
    {
        var count = 0;
        foreach (var watcher in _watchers.Keys) { watcher.Writer.TryComplete(); count++; }
        return count;
    }

    // TODO 1 (ids): give every news event its id (EventId = id.ToString()), so the browser can say where it stopped.
    private static SseItem<string> Item(long id, string text) => new(text, "news");

    public async IAsyncEnumerable<SseItem<string>> WatchAsync(long? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers.TryAdd(queue, 0);
        try
        {
            // Why a first item at all: the SSE result sends no headers before its first item, so the browser's
            // "open" (and any proxy) would wait for the first news.
            // TODO 3 (retry): give this item ReconnectionInterval = 1 s (it becomes "retry: 1000").
            yield return new SseItem<string>("connected", "hello");
            // TODO 2 (replay): when lastEventId is set, first yield every item in _recent with an id after it. Take
            //        that snapshot under _gate in the same step as registering the queue, or an item published in
            //        between is lost (or sent twice).
            // TODO 4 (heartbeat): when nothing was sent for 1 s, send something (an event named "heartbeat"), so
            //        proxies keep the idle connection open and a dead one is noticed.
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            _watchers.TryRemove(queue, out _);
        }
    }
}
