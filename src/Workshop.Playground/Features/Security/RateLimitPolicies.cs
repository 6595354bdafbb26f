namespace Workshop.Playground.Features.Security;

/// <summary>
/// The names of the playground's rate-limit policies, for <c>RequireRateLimiting(...)</c> on an endpoint. Each is
/// partitioned per client (see <see cref="Workshop.Protocols.Http.ClientPartition"/>) and configured in
/// <see cref="PlaygroundRateLimitOptions"/>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/bins</c>.</summary>
    public const string BinCreation = "bin-creation";

    /// <summary><c>ANY /hooks/{bin}</c>.</summary>
    public const string Captures = "captures";

    /// <summary><c>POST /api/sender/deliveries</c>.</summary>
    public const string Sender = "sender";

    /// <summary>Redelivery: <c>POST /api/sender/deliveries/{id}/redeliver</c> and <c>POST /api/bins/{bin}/requests/{id}/redeliver</c>.</summary>
    public const string Redelivery = "redelivery";

    /// <summary>The reference receivers, <c>POST /webhooks/*</c>.</summary>
    public const string Receivers = "receivers";

    /// <summary>WebSocket upgrades to the tic-tac-toe games, <c>/ws/game</c>.</summary>
    public const string GameUpgrades = "game-upgrades";

    /// <summary>Sign-ins to the notifications demo, <c>POST /login</c>.</summary>
    public const string NotificationsLogin = "notifications-login";

    /// <summary>The notifications demo's test tool, <c>POST /notify</c>.</summary>
    public const string NotificationsNotify = "notifications-notify";

    /// <summary>Open event streams (<c>GET /events</c>, a bin's <c>/events</c>): a cap on concurrent streams, not a rate.</summary>
    public const string Streams = "streams";
}
