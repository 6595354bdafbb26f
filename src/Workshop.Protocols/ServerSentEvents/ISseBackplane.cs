namespace Workshop.Protocols.ServerSentEvents;

/// <summary>
/// Where a topic's ids and history live. In memory (the default) the topic's own ring buffer is the history and
/// ids are counted locally; with Redis, ids come from one shared counter and history from a shared stream, so a
/// client can resume on any instance. Every network call is asynchronous and made outside the topic's lock.
/// </summary>
public interface ISseBackplane
{
    /// <summary><c>memory</c> or <c>redis</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when ids come from a store shared with other instances. False: the topic numbers events itself
    /// (under its lock) and never calls <see cref="AppendAsync"/>.
    /// </summary>
    bool IsShared { get; }

    /// <summary>
    /// Stores an event and returns its id: greater than <paramref name="floor"/> (the topic's latest local id) and
    /// than every id handed out before. Null when the shared store is unreachable or too slow (the topic then
    /// numbers the event locally and serves only its own subscribers).
    /// </summary>
    ValueTask<long?> AppendAsync(string topic, string? eventName, string data, long floor, CancellationToken cancellationToken);

    /// <summary>The stored events with an id greater than <paramref name="afterId"/>, oldest first (empty when unreachable or in memory).</summary>
    ValueTask<IReadOnlyList<SseEvent>> ReadAfterAsync(string topic, long afterId, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onEvent"/> for every event appended by any instance (including this one), one at a time
    /// and in order (the next waits for the returned task), until the returned handle is disposed (when the topic is
    /// removed). Returns at once: the subscription itself is made in the background, and re-made after an outage.
    /// </summary>
    IDisposable Subscribe(string topic, Func<SseEvent, Task> onEvent);
}
