namespace Workshop.Protocols.ServerSentEvents;

/// <summary>The decision taken for one subscriber's <c>Last-Event-ID</c>, and the events to send before live ones.</summary>
/// <param name="Kind">Live, replay or reset.</param>
/// <param name="ResetReason">For a reset: <c>too-old</c>, <c>future</c> or <c>invalid</c>; otherwise <see langword="null"/>.</param>
/// <param name="ResumeFromId">The id the replay starts after (the reset event carries it as its id).</param>
/// <param name="Replay">The events to send before live ones, oldest first.</param>
public sealed record SseResumePlan(SseResumeKind Kind, string? ResetReason, long ResumeFromId, IReadOnlyList<SseEvent> Replay)
{
    /// <summary>The reset reason for an id older than the log holds.</summary>
    public const string TooOld = "too-old";

    /// <summary>The reset reason for an id greater than any published (for example after a server restart).</summary>
    public const string Future = "future";

    /// <summary>The reset reason for an id that is not a non-negative integer.</summary>
    public const string Invalid = "invalid";
}
