namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// The bounds of the notifications demo (lab 10's contract), bound from <c>Notifications</c> and validated at
/// start. Anyone may sign in and open a stream, so everything a caller can make the server hold has a limit here;
/// the per-client rates of <c>POST /login</c> and <c>POST /notify</c> are in <c>Security:RateLimits</c>.
/// </summary>
public sealed class NotificationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications";

    /// <summary>Request bodies of <c>POST /login</c> and <c>POST /notify</c> (default 4 KB; 413 above).</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024;

    /// <summary>Sessions held at once (default 1000); a new one pushes out the one used longest ago.</summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>A session unused this long is forgotten (default an hour).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Notifications kept per user (default 50, the newest).</summary>
    public int MaxPerUser { get; set; } = 50;

    /// <summary>How long a notification is kept (default an hour).</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Inboxes held at once (default 1000); a new one pushes out the one touched longest ago.</summary>
    public int MaxInboxes { get; set; } = 1000;

    /// <summary>Streams one user may hold open (default 10; 429 above).</summary>
    public int MaxStreamsPerUser { get; set; } = 10;

    /// <summary>Streams open at once over all users (default 500; 503 above).</summary>
    public int MaxStreams { get; set; } = 500;

    /// <summary>Items queued per stream (default 256); a slow reader loses the oldest, not the server's memory.</summary>
    public int StreamQueue { get; set; } = 256;

    /// <summary>The longest notification text (default 280 characters).</summary>
    public int MaxTextLength { get; set; } = 280;

    /// <summary>How often expired sessions and inboxes are swept (default a minute).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
