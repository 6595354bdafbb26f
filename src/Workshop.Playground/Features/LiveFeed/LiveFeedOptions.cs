namespace Workshop.Playground.Features.LiveFeed;

/// <summary>The simulated feed behind <c>GET /events</c>, bound from the <c>LiveFeed</c> section.</summary>
public sealed class LiveFeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LiveFeed";

    /// <summary>The SSE topic the feed publishes to and <c>GET /events</c> streams.</summary>
    public const string Topic = "feed";

    /// <summary>How often the feed publishes an event (default 1 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}
