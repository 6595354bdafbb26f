using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

/// <summary>
/// An <see cref="ISseBackplane"/> for unit tests: a shared list stands for the Redis stream, and the test decides
/// which appended events are "heard" on the channel (so it can lose, repeat or reorder them).
/// </summary>
internal sealed class SharedStoreBackplane : ISseBackplane
{
    private readonly List<SseEvent> _stored = [];
    private Func<SseEvent, Task>? _listener;

    public string Name => "test";

    /// <summary>When false, Append reports the store unreachable (as during a Redis outage).</summary>
    public bool Reachable { get; set; } = true;

    public int Subscriptions { get; private set; }

    public bool IsShared => true;

    public ValueTask<long?> AppendAsync(string topic, string? eventName, string data, long floor, CancellationToken cancellationToken)
        => ValueTask.FromResult(Append(topic, eventName, data, floor));

    public ValueTask<IReadOnlyList<SseEvent>> ReadAfterAsync(string topic, long afterId, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<SseEvent>>(Reachable ? [.. _stored.Where(e => e.Id > afterId)] : []);

    private long? Append(string topic, string? eventName, string data, long floor)
    {
        if (!Reachable) return null;
        var id = Math.Max(floor, _stored.Count == 0 ? 0 : _stored[^1].Id) + 1;
        _stored.Add(new SseEvent(id, eventName, data));
        return id;
    }

    /// <summary>Another instance appends an event; it is not heard on the channel until <see cref="Hear"/>.</summary>
    public SseEvent AppendElsewhere(string data)
    {
        _ = Append("t", null, data, 0) ?? throw new InvalidOperationException("store unreachable");
        return _stored[^1];
    }

    public Task HearAsync(SseEvent item) => _listener?.Invoke(item) ?? Task.CompletedTask;

    public IDisposable Subscribe(string topic, Func<SseEvent, Task> onEvent)
    {
        _listener = onEvent;
        Subscriptions++;
        return new Handle(this);
    }

    private sealed class Handle(SharedStoreBackplane owner) : IDisposable
    {
        public void Dispose()
        {
            owner._listener = null;
            owner.Subscriptions--;
        }
    }
}
