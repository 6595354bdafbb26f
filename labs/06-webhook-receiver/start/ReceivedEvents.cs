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
        // TODO 3 (idempotent): providers redeliver (after a timeout, on a retry, sometimes two copies at once). Record
        //        each (source, event id) once: claim the key with ONE atomic call (_seen.TryAdd) and return false for a
        //        duplicate. "ContainsKey, then Add" is not enough: two concurrent copies both see "not yet".
        _seen[$"{received.Source}:{received.EventId}"] = received;
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
