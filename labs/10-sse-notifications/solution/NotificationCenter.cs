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
            // TODO 2 solved: why the filter: a stream is one user's; every other user's notifications are none of
            // its business, whatever the page would do with them.
            foreach (var watcher in _watchers.Where(w => w.User == user))
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
            // TODO 3 solved: why three answers: an id the server never gave out (or forgot) is 404; an id of
            // someone else's is 403 and changes nothing; your own is read afterwards, however often you ask.
            if (!_byId.TryGetValue(id, out var note) || clock.GetUtcNow() - note.At > KeepFor) return ReadOutcome.NotFound;
            if (note.User != user) return ReadOutcome.Forbidden;
            if (!note.Read)
            {
                note.Read = true;
                var unread = UnreadItem(InboxOf(user));
                foreach (var watcher in _watchers.Where(w => w.User == user)) watcher.Queue.Writer.TryWrite(unread);
            }
            return ReadOutcome.Read;
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
            // TODO 4 solved: why after Last-Event-ID only: the browser saw everything up to that id; what followed
            // (this user's, in order) is what it missed. Taken under the lock Notify takes, so nothing slips between.
            backlog = lastEventId is { } last ? inbox.Where(n => n.Id > last).Select(Item).ToList() : [];
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
