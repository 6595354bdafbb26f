using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>
/// Every user's inbox (the last <see cref="MaxPerUser"/> notifications, each kept <see cref="KeepFor"/>) and every
/// open stream, with the user it belongs to. One lock guards both, so a notification is either in a stream's
/// backlog or in its queue, never in neither and never in both.
/// </summary>
public sealed class NotificationCenter(TimeProvider clock)
{
    public const int MaxPerUser = 50;
    public const int MaxUsers = 1000;
    public const int MaxStreamsPerUser = 10;
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private sealed record Watcher(string User, Channel<SseItem<string>> Queue);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Notification>> _inboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Notification> _byId = [];
    private readonly List<Watcher> _watchers = [];
    private long _lastId;

    public long Notify(string user, string text)
    {
        lock (_gate)
        {
            var inbox = InboxOf(user);
            var note = new Notification(++_lastId, user, text, clock.GetUtcNow());
            inbox.Enqueue(note);
            _byId[note.Id] = note;
            if (inbox.Count > MaxPerUser) _byId.Remove(inbox.Dequeue().Id);
            var item = Item(note);
            var unread = UnreadItem(inbox);
            // TODO 2 (isolation): this sends the notification to every open stream, whoever it belongs to. A stream
            //        is one user's (Watcher.User): only that user's streams may get it.
            foreach (var watcher in _watchers)
            {
                watcher.Queue.Writer.TryWrite(item);
                watcher.Queue.Writer.TryWrite(unread);
            }
            return note.Id;
        }
    }

    public ReadOutcome MarkRead(string user, long id)
    {
        lock (_gate)
        {
            // TODO 3 (read): look the id up in _byId (expired after KeepFor: NotFound), refuse someone else's
            //        (Forbidden), mark your own as read (marking twice changes nothing more), send the user's streams
            //        the new UnreadItem, and answer Read.
            return ReadOutcome.NotFound;
        }
    }

    public (int Unread, IReadOnlyList<Notification> Items) InboxSnapshot(string user)
    {
        lock (_gate)
        {
            var inbox = InboxOf(user);
            return (inbox.Count(n => !n.Read), inbox.ToList());
        }
    }

    public int StreamsOf(string user)
    {
        lock (_gate) return _watchers.Count(w => w.User == user);
    }

    public async IAsyncEnumerable<SseItem<string>> WatchAsync(string user, long? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher(user, Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest }));
        List<SseItem<string>> backlog;
        SseItem<string> unread;
        lock (_gate)
        {
            _watchers.Add(watcher);
            var inbox = InboxOf(user);
            unread = UnreadItem(inbox) with { ReconnectionInterval = TimeSpan.FromSeconds(1) };
            // TODO 4 (resume): a reconnecting browser sends the last id it saw (lastEventId). Put this user's
            //        notifications after it into the backlog, in order, so nothing is lost across a drop.
            backlog = [];
        }
        try
        {
            // The first item goes out at once: it sends the headers, so the browser's EventSource opens now.
            yield return unread;
            foreach (var item in backlog) yield return item;
            await foreach (var item in watcher.Queue.Reader.ReadAllAsync(cancellationToken)) yield return item;
        }
        finally
        {
            lock (_gate) _watchers.Remove(watcher);
        }
    }

    // Called under _gate. Drops what expired; makes room by forgetting the inbox touched longest ago.
    private Queue<Notification> InboxOf(string user)
    {
        var now = clock.GetUtcNow();
        if (!_inboxes.TryGetValue(user, out var inbox))
        {
            if (_inboxes.Count >= MaxUsers)
            {
                var oldest = _inboxes.MinBy(i => i.Value.Count == 0 ? DateTimeOffset.MinValue : i.Value.Last().At);
                foreach (var gone in oldest.Value) _byId.Remove(gone.Id);
                _inboxes.Remove(oldest.Key);
            }
            _inboxes[user] = inbox = new Queue<Notification>();
        }
        while (inbox.TryPeek(out var first) && now - first.At > KeepFor) _byId.Remove(inbox.Dequeue().Id);
        return inbox;
    }

    private static SseItem<string> Item(Notification note) =>
        new(JsonSerializer.Serialize(new { id = note.Id, text = note.Text, read = note.Read }), "notification")
        {
            EventId = note.Id.ToString(CultureInfo.InvariantCulture),
        };

    // No id: an unread count is not something to resume from, and an id here would move Last-Event-ID.
    private static SseItem<string> UnreadItem(Queue<Notification> inbox) =>
        new(inbox.Count(n => !n.Read).ToString(CultureInfo.InvariantCulture), "unread");
}
