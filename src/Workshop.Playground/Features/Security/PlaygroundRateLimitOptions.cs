namespace Workshop.Playground.Features.Security;

/// <summary>
/// Per-client request limits of the playground's mutating endpoints, bound from <c>Security:RateLimits</c> and
/// validated at start. The defaults suit an instance on the internet; appsettings.Development.json raises them
/// for a learner's own machine. See docs/security.md for what each costs a class behind one address.
/// </summary>
public sealed class PlaygroundRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Security:RateLimits";

    /// <summary>Bins created (default 10 a minute).</summary>
    public RateLimitRule BinCreation { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(1));

    /// <summary>Requests captured by bins, counted per sending client (default 120 a minute).</summary>
    public RateLimitRule Captures { get; set; } = RateLimitRule.Of(120, TimeSpan.FromMinutes(1));

    /// <summary>Deliveries enqueued through the sender API (default 20 a minute).</summary>
    public RateLimitRule Sender { get; set; } = RateLimitRule.Of(20, TimeSpan.FromMinutes(1));

    /// <summary>Redeliveries, of sender deliveries and of captured requests together (default 10 a minute).</summary>
    public RateLimitRule Redelivery { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(1));

    /// <summary>Requests to the reference receivers (default 120 a minute).</summary>
    public RateLimitRule Receivers { get; set; } = RateLimitRule.Of(120, TimeSpan.FromMinutes(1));

    /// <summary>WebSocket upgrades to the tic-tac-toe games (default 60 a minute: a class's reloads, not a churn of games).</summary>
    public RateLimitRule GameUpgrades { get; set; } = RateLimitRule.Of(60, TimeSpan.FromMinutes(1));

    /// <summary>Sign-ins to the notifications demo (default 10 a minute: one client cannot push everyone's sessions out).</summary>
    public RateLimitRule NotificationsLogin { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(1));

    /// <summary>Notifications sent with the demo's test tool (default 30 a minute).</summary>
    public RateLimitRule NotificationsNotify { get; set; } = RateLimitRule.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>Event streams one client may hold open at once (default 50); one more gets 429 until one closes.</summary>
    public int MaxStreamsPerClient { get; set; } = 50;

    /// <summary>Every rule with its policy name.</summary>
    public IEnumerable<(string Policy, RateLimitRule Rule)> Rules()
    {
        yield return (RateLimitPolicies.BinCreation, BinCreation);
        yield return (RateLimitPolicies.Captures, Captures);
        yield return (RateLimitPolicies.Sender, Sender);
        yield return (RateLimitPolicies.Redelivery, Redelivery);
        yield return (RateLimitPolicies.Receivers, Receivers);
        yield return (RateLimitPolicies.GameUpgrades, GameUpgrades);
        yield return (RateLimitPolicies.NotificationsLogin, NotificationsLogin);
        yield return (RateLimitPolicies.NotificationsNotify, NotificationsNotify);
    }
}
