using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// Every user's inbox (the newest <see cref="NotificationsOptions.MaxPerUser"/>, each kept
/// <see cref="NotificationsOptions.KeepFor"/>, at most <see cref="NotificationsOptions.MaxInboxes"/> inboxes) and every
/// open stream with the user it belongs to. One lock guards both, so a notification is either in a stream's replay
/// or in its queue, never in neither and never in both.
/// </summary>
public sealed class NotificationCenter(TimeProvider clock, IOptions<NotificationsOptions> options)
{
    private readonly NotificationsOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Notification>> _inboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Notification> _byId = [];
    private readonly List<NotificationStream> _streams = [];
    private long _lastId;

    /// <summary>Inboxes held now (never more than <see cref="NotificationsOptions.MaxInboxes"/>).</summary>
    public int InboxCount
    {
        get
        {
            lock (_gate) return _inboxes.Count;
        }
    }

    /// <summary>Puts a notification in <paramref name="user"/>'s inbox and on that user's streams only; returns its id.</summary>
    public long Notify(string user, string text)
    {
        lock (_gate)
        {
            var inbox = InboxOf(user);
            var note = new Notification(++_lastId, user, text, clock.GetUtcNow());
            inbox.Enqueue(note);
            _byId[note.Id] = note;
            if (inbox.Count > _options.MaxPerUser) _byId.Remove(inbox.Dequeue().Id);
            var item = Item(note);
            var unread = UnreadItem(inbox);
            // A stream is one user's: every other user's notifications are none of its business.
            foreach (var stream in _streams.Where(s => s.User == user))
            {
                stream.Queue.Writer.TryWrite(item);
                stream.Queue.Writer.TryWrite(unread);
            }
            return note.Id;
        }
    }

    /// <summary>Marks <paramref name="user"/>'s notification <paramref name="id"/> read: idempotent, and only their own.</summary>
    public ReadOutcome MarkRead(string user, long id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var note) || clock.GetUtcNow() - note.At > _options.KeepFor) return ReadOutcome.NotFound;
            if (note.User != user) return ReadOutcome.Forbidden;
            if (!note.Read)
            {
                note.Read = true;
                var unread = UnreadItem(InboxOf(user));
                foreach (var stream in _streams.Where(s => s.User == user)) stream.Queue.Writer.TryWrite(unread);
            }
            return ReadOutcome.Read;
        }
    }

    /// <summary>The unread count and the kept notifications of <paramref name="user"/>, oldest first.</summary>
    public (int Unread, IReadOnlyList<Notification> Items) InboxSnapshot(string user)
    {
        lock (_gate)
        {
            var inbox = InboxOf(user);
            return (inbox.Count(n => !n.Read), inbox.ToList());
        }
    }

    /// <summary>
    /// Opens a stream for <paramref name="user"/> (null with the <paramref name="refusal"/> when a cap is reached):
    /// the unread count first, then this user's notifications after <paramref name="lastEventId"/>, then the live ones.
    /// </summary>
    public NotificationStream? TryOpen(string user, long? lastEventId, out StreamRefusal refusal)
    {
        lock (_gate)
        {
            refusal = _streams.Count >= _options.MaxStreams ? StreamRefusal.ServerFull
                : _streams.Count(s => s.User == user) >= _options.MaxStreamsPerUser ? StreamRefusal.UserFull
                : StreamRefusal.None;
            if (refusal != StreamRefusal.None) return null;
            var inbox = InboxOf(user);
            var first = new List<SseItem<string>> { UnreadItem(inbox) with { ReconnectionInterval = TimeSpan.FromSeconds(1) } };
            // Taken under the lock Notify takes, so nothing slips between the replay and the live queue.
            if (lastEventId is { } last) first.AddRange(inbox.Where(n => n.Id > last).Select(Item));
            var stream = new NotificationStream(user, _options.StreamQueue, first, Close);
            _streams.Add(stream);
            return stream;
        }
    }

    /// <summary>Forgets expired notifications, and inboxes left empty by it.</summary>
    public void Sweep()
    {
        lock (_gate)
        {
            foreach (var user in _inboxes.Keys.ToList())
            {
                if (Expire(_inboxes[user]).Count == 0) _inboxes.Remove(user);
            }
        }
    }

    private void Close(NotificationStream stream)
    {
        lock (_gate) _streams.Remove(stream);
    }

    // Called under _gate. Drops what expired; makes room by forgetting the inbox touched longest ago.
    private Queue<Notification> InboxOf(string user)
    {
        if (!_inboxes.TryGetValue(user, out var inbox))
        {
            if (_inboxes.Count >= _options.MaxInboxes)
            {
                var oldest = _inboxes.MinBy(i => i.Value.Count == 0 ? DateTimeOffset.MinValue : i.Value.Last().At);
                foreach (var gone in oldest.Value) _byId.Remove(gone.Id);
                _inboxes.Remove(oldest.Key);
            }
            _inboxes[user] = inbox = new Queue<Notification>();
        }
        return Expire(inbox);
    }

    private Queue<Notification> Expire(Queue<Notification> inbox)
    {
        var now = clock.GetUtcNow();
        while (inbox.TryPeek(out var first) && now - first.At > _options.KeepFor) _byId.Remove(inbox.Dequeue().Id);
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
