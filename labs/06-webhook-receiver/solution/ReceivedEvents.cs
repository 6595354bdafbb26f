using System.Collections.Concurrent;

/// <summary>The receiver's effect: each event recorded once, keyed by (source, event id).</summary>
public sealed class ReceivedEvents
{
    private readonly ConcurrentDictionary<string, ReceivedEvent> _seen = new();
    private readonly List<ReceivedEvent> _log = [];
    private readonly Lock _gate = new();

    /// <summary>Records the event and returns true, or returns false for a duplicate (nothing happens then).</summary>
    public bool TryRecord(ReceivedEvent received)
    {
        // TODO 3 solved: why TryAdd: it is one atomic claim. A "ContainsKey, then Add" pair lets two concurrent
        // copies of the same delivery both see "not yet" and both have their effect. Providers DO redeliver (a
        // timeout on their side, a retry), sometimes at the same moment.
        if (!_seen.TryAdd($"{received.Source}:{received.EventId}", received)) return false;
        lock (_gate)
        {
            _log.Add(received);
            if (_log.Count > 500) _log.RemoveAt(0);
        }
        return true;
    }

    /// <summary>The recorded events, newest first.</summary>
    public IReadOnlyList<ReceivedEvent> Snapshot()
    {
        lock (_gate) return _log.AsEnumerable().Reverse().ToList();
    }
}
