namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// Where a topic's ids and history live. In memory (the default) the topic's own ring buffer is the history and
/// ids are counted locally; with Redis, ids come from one shared counter and history from a shared stream, so a
/// client can resume on any instance. Every call is made under the topic's lock, in publish order.
/// </summary>
public interface ISseBackplane
{
    /// <summary><c>memory</c> or <c>redis</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Stores an event and returns its id: greater than <paramref name="floor"/> (the topic's latest local id) and
    /// than every id handed out before. Null when the shared store is unreachable (the topic then numbers the
    /// event locally and serves only its own subscribers).
    /// </summary>
    long? Append(string topic, string? eventName, string data, long floor);

    /// <summary>The stored events with an id greater than <paramref name="afterId"/>, oldest first (empty when unreachable or in memory).</summary>
    IReadOnlyList<SseEvent> ReadAfter(string topic, long afterId);

    /// <summary>
    /// Calls <paramref name="onEvent"/> for every event appended by any instance (including this one) until the
    /// returned handle is disposed (when the topic is removed).
    /// </summary>
    IDisposable Subscribe(string topic, Action<SseEvent> onEvent);
}
