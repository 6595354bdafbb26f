namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// A fixed-size ring buffer of the most recent events of one topic, oldest first. Not thread-safe:
/// <see cref="SseTopic"/> guards it with its lock.
/// </summary>
internal sealed class SseEventLog
{
    private readonly SseEvent[] _items;
    private int _start;

    public SseEventLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new SseEvent[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    /// <summary>The id of the oldest event still held, or <see langword="null"/> when empty.</summary>
    public long? OldestId => Count == 0 ? null : _items[_start].Id;

    /// <summary>Adds an event, overwriting the oldest one when full.</summary>
    public void Append(SseEvent item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return;
        }
        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    /// <summary>Every held event whose id is greater than <paramref name="afterId"/>, oldest first.</summary>
    public IReadOnlyList<SseEvent> After(long afterId)
    {
        var result = new List<SseEvent>();
        for (var i = 0; i < Count; i++)
        {
            var item = _items[(_start + i) % _items.Length];
            if (item.Id > afterId) result.Add(item);
        }
        return result;
    }
}
