namespace Workshop.Protocols.ServerSentEvents;

/// <summary>What a new subscriber gets before the live events.</summary>
public enum SseResumeKind
{
    /// <summary>No last event id was given: live events only.</summary>
    Live,

    /// <summary>The log still holds everything after the given id: those events are replayed, then live.</summary>
    Replay,

    /// <summary>
    /// The given id cannot be resumed from (older than the log, in the future, or not a number): a <c>reset</c>
    /// event is sent, then the whole log, then live events.
    /// </summary>
    Reset,
}
