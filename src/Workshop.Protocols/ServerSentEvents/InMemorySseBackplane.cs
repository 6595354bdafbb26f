namespace Workshop.Protocols.ServerSentEvents;

/// <summary>The default: ids are counted by the topic itself and its ring buffer is the only history.</summary>
public sealed class InMemorySseBackplane : ISseBackplane
{
    /// <summary>The shared instance.</summary>
    public static InMemorySseBackplane Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public bool IsShared => false;

    /// <inheritdoc />
    public ValueTask<long?> AppendAsync(string topic, string? eventName, string data, long floor, CancellationToken cancellationToken)
        => ValueTask.FromResult<long?>(floor + 1);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<SseEvent>> ReadAfterAsync(string topic, long afterId, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<SseEvent>>([]);

    /// <inheritdoc />
    public IDisposable Subscribe(string topic, Func<SseEvent, Task> onEvent) => NoSubscription.Instance; // nothing but this process publishes

    private sealed class NoSubscription : IDisposable
    {
        public static NoSubscription Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
