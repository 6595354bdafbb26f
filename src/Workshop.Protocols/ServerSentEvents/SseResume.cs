using System.Globalization;

namespace Workshop.Protocols.ServerSentEvents;

/// <summary>Decides how a subscriber resumes from the id it last saw.</summary>
internal static class SseResume
{
    /// <summary>
    /// Ids are decimal integers (0 means "before the first event"). Whitespace around the value is tolerated;
    /// anything else (a non-number, a negative number) is <see cref="SseResumePlan.Invalid"/>.
    /// </summary>
    public static SseResumePlan Decide(string? requested, SseEventLog log, long latestId)
    {
        if (string.IsNullOrWhiteSpace(requested))
            return new SseResumePlan(SseResumeKind.Live, null, latestId, []);

        var firstHeld = log.OldestId ?? latestId + 1;
        var beforeLog = firstHeld - 1;
        if (!long.TryParse(requested.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeen))
            return Reset(SseResumePlan.Invalid, log, beforeLog);
        if (lastSeen > latestId)
            return Reset(SseResumePlan.Future, log, beforeLog);
        // Resumable when the first event the client lacks (lastSeen + 1) is still held, or it lacks nothing.
        if (lastSeen < beforeLog)
            return Reset(SseResumePlan.TooOld, log, beforeLog);
        return new SseResumePlan(SseResumeKind.Replay, null, lastSeen, log.After(lastSeen));
    }

    private static SseResumePlan Reset(string reason, SseEventLog log, long beforeLog)
        => new(SseResumeKind.Reset, reason, beforeLog, log.After(beforeLog));
}
