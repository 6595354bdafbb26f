using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

/// <summary>The news: the last 100 items (for replay) and everyone watching.</summary>
public sealed class NewsLog
{
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(1);
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

    // TODO 1 solved: why an id: the browser remembers the last one and sends it back as Last-Event-ID on reconnect.
    private static SseItem<string> Item(long id, string text) => new(text, "news") { EventId = id.ToString(CultureInfo.InvariantCulture) };

    public async IAsyncEnumerable<SseItem<string>> WatchAsync(long? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        List<SseItem<string>> backlog;
        // TODO 2 solved: why one lock for both: Publish holds the same lock, so every item is either in the
        // snapshot or in the queue, never in neither and never in both.
        lock (_gate)
        {
            _watchers.TryAdd(queue, 0);
            backlog = lastEventId is { } last ? _recent.Where(n => n.Id > last).Select(n => Item(n.Id, n.Text)).ToList() : [];
        }
        try
        {
            // TODO 3 solved: why: without retry: each browser waits its own default (Chrome about 3 s, Firefox 5 s).
            yield return new SseItem<string>("connected", "hello") { ReconnectionInterval = TimeSpan.FromSeconds(1) };
            foreach (var item in backlog) yield return item;
            while (true)
            {
                // TODO 4 solved: why: an idle stream looks dead to proxies (they cut it) and a dead one looks idle;
                // a beat every second keeps it open and makes a broken connection fail fast on the next write.
                SseItem<string>? next = null;
                using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    beat.CancelAfter(HeartbeatEvery);
                    try
                    {
                        next = await queue.Reader.ReadAsync(beat.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // A second of silence: time for a heartbeat.
                    }
                    catch (ChannelClosedException)
                    {
                        yield break; // dropped on purpose (POST /admin/drop)
                    }
                }
                yield return next ?? new SseItem<string>("ping", "heartbeat");
            }
        }
        finally
        {
            _watchers.TryRemove(queue, out _);
        }
    }
}
