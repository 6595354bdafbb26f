namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Per-endpoint choices for an SSE stream (the shared settings are in <see cref="ServerSentEventsOptions"/>).</summary>
public sealed class SseStreamOptions
{
    /// <summary>
    /// Data of a greeting event sent first on every connection, without an id (the brief's <c>/events</c> sends
    /// <c>Hello from server</c>); <see langword="null"/> sends none.
    /// </summary>
    public string? HelloData { get; set; }

    /// <summary>The greeting's event name; <see langword="null"/> makes it a plain <c>message</c>.</summary>
    public string? HelloEventName { get; set; }

    /// <summary>
    /// When true, a resumed stream that replays events first sends a <c>replay</c> event (no id) with data
    /// <c>{"count":N,"after":ID}</c>, so a page can mark the replayed events. Off by default.
    /// </summary>
    public bool AnnounceReplay { get; set; }
}
