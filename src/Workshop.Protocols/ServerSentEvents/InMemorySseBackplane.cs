namespace Workshop.Protocols.ServerSentEvents;

/// <summary>The default: ids are counted by the topic itself and its ring buffer is the only history.</summary>
public sealed class InMemorySseBackplane : ISseBackplane
{
    /// <summary>The shared instance.</summary>
    public static InMemorySseBackplane Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public long? Append(string topic, string? eventName, string data, long floor) => floor + 1;

    /// <inheritdoc />
    public IReadOnlyList<SseEvent> ReadAfter(string topic, long afterId) => [];

    /// <inheritdoc />
    public void Subscribe(string topic, Action<SseEvent> onEvent)
    {
        // Nothing but this process publishes.
    }
}
