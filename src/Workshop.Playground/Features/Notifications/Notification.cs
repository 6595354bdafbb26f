namespace Workshop.Playground.Features.Notifications;

/// <summary>One notification in a user's inbox. The id is unique across all users and only grows.</summary>
public sealed class Notification(long id, string user, string text, DateTimeOffset at)
{
    /// <summary>The id, also the SSE event id.</summary>
    public long Id { get; } = id;

    /// <summary>Whose it is.</summary>
    public string User { get; } = user;

    /// <summary>What it says.</summary>
    public string Text { get; } = text;

    /// <summary>When it was sent (it expires after <see cref="NotificationsOptions.KeepFor"/>).</summary>
    public DateTimeOffset At { get; } = at;

    /// <summary>Marked read by its user (never unmarked: marking is idempotent).</summary>
    public bool Read { get; set; }
}
