namespace Workshop.Playground.Features.Notifications;

/// <summary>What marking a notification as read came to.</summary>
public enum ReadOutcome
{
    /// <summary>It is read now (or was already: marking twice is the same as once).</summary>
    Read,

    /// <summary>No such notification (never existed, or expired).</summary>
    NotFound,

    /// <summary>It exists, but belongs to someone else.</summary>
    Forbidden,
}
