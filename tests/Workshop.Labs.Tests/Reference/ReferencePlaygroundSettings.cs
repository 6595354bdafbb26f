namespace Workshop.Labs.Tests.Reference;

/// <summary>
/// Which lab checks the reference playground's public contract covers, and how the lab's paths map onto the
/// playground's. A check not listed here needs something only the lab has (a page at <c>/</c>, <c>/goal</c>,
/// <c>/publish</c>, <c>/admin/drop</c>, lab 02's own chat protocol, lab 08's dashboard and ops chat).
/// Lab 10 (per-user notifications) is not covered at all: the playground has no sign-in and no notifications
/// feature, so none of its contract (<c>/login</c>, <c>/notifications/…</c>, <c>/notify</c>) exists there. Adding it
/// means a bounded session store and per-user inboxes in the playground, with attack tests in Workshop.Security.Tests.
/// Lab 09's page is not covered (the playground's game page is <c>/play/game.html</c>, with its own ids); its
/// WebSocket protocol is the playground's <c>/ws/game</c>.
/// </summary>
public static class ReferenceCoverage
{
    /// <summary>The lab 08 dev secret the playground is started with, so its Standard receiver accepts the lab's gateway.</summary>
    public const string Lab08Secret = Workshop.Grading.Probes.PaymentGateway.DevSecret;

    /// <summary>Lab 08's Razorpay dev secret, given to the playground's Razorpay receiver.</summary>
    public const string Lab08RazorpaySecret = Workshop.Grading.Probes.RazorpayGateway.DevSecret;

    /// <summary>Per lab: the covered checks by task (check names as in the catalog).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> Checks = new Dictionary<string, IReadOnlyDictionary<string, string[]>>
    {
        ["01"] = new Dictionary<string, string[]>
        {
            ["welcome"] = ["first message is Welcome!"],
            ["echo"] = ["echoes a message", "echoes in order", "echoes a fragmented message whole"],
            ["close"] = ["answers a close", "rejects plain HTTP"],
        },
        ["03"] = new Dictionary<string, string[]>
        {
            ["limit"] = ["refuses an oversized message", "still echoes a message under the limit"],
            ["origin"] = ["refuses a foreign origin", "accepts its own origin"],
            ["keepalive"] = ["pings an idle client", "drops a dead peer"],
        },
        ["04"] = new Dictionary<string, string[]>
        {
            ["hello"] = ["is an event stream", "says hello first"],
            ["headers"] = ["is not cached", "asks proxies not to buffer"],
        },
        ["05"] = new Dictionary<string, string[]>
        {
            ["heartbeat"] = ["keeps an idle stream alive"],
        },
        ["08"] = new Dictionary<string, string[]>
        {
            ["verify"] = ["accepts a correctly signed payment", "rejects a wrong signature", "verifies the raw body", "rejects a stale timestamp", "rejects a request without signature"],
            // The playground's Razorpay receiver answers as the lab must; only the dashboard check needs the lab's stream.
            ["razorpay"] =
            [
                "accepts a signed Razorpay payment", "rejects a wrong Razorpay signature", "verifies Razorpay's raw body",
                "rejects a Razorpay request without signature", "requires Razorpay's event id", "a Razorpay redelivery is answered as a duplicate",
            ],
        },
        ["09"] = new Dictionary<string, string[]>
        {
            ["join"] = ["seats X, then O, then a spectator", "refuses a bad game id", "refuses an oversized message", "bounds the number of games"],
            ["moves"] = ["a move reaches both players and the spectator", "a move before O joins is refused", "an out-of-turn move is refused", "a taken or missing cell is refused", "a spectator cannot move", "a won game takes no more moves"],
            ["rejoin"] = ["a player who comes back gets its seat and board", "a stranger cannot take a vanished player's seat", "the newest connection holds the seat"],
            ["leave"] = ["a player who leaves ends the game", "a vanished player is given up after the grace period"],
        },
    };

    /// <summary>Per lab: the lab's path → the playground's path, where they differ.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> PathMaps = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        // Lab 03 hardens lab 01's echo on its own path; the playground hardens /ws/echo itself.
        ["03"] = new Dictionary<string, string> { ["/ws/live"] = "/ws/echo" },
        // Lab 08's receiver is the playground's Standard Webhooks receiver; its Razorpay receiver has the lab's path already.
        ["08"] = new Dictionary<string, string> { ["/webhooks/payments"] = "/webhooks/standard" },
    };

    /// <summary>
    /// Configuration the playground runs with: lab 03's keep-alive timings (the playground's defaults are 15 s / 10 s,
    /// too slow for a check), lab 08's secret, a quiet feed with 1 s heartbeats for lab 05, and lab 09's 32 games and 3 s grace. Both are documented configuration keys, not contract changes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["WebSockets__KeepAliveInterval"] = "00:00:01",
        ["WebSockets__KeepAliveTimeout"] = "00:00:02",
        ["Webhooks__Standard__Secret"] = Lab08Secret,
        ["Webhooks__Razorpay__Secret"] = Lab08RazorpaySecret,
        ["Webhooks__Receiver__IdempotencyStore"] = "InMemory",
        // Lab 05's heartbeat check counts anything on an idle stream: keep the feed quiet and the pings frequent,
        // so what it sees is the reference's real heartbeat, not feed traffic.
        ["LiveFeed__Interval"] = "01:00:00",
        // Lab 09's bounds and grace period (the playground's defaults, 1,000 games and 10 s, are too big for a check).
        ["Multiplayer__MaxGames"] = "32",
        ["Multiplayer__ReconnectGrace"] = "00:00:03",
        // Every check connects from one address: the per-client caps must not answer before the server's own 503.
        ["Multiplayer__MaxGamesPerClient"] = "1000",
        ["Security__RateLimits__GameUpgrades__PermitLimit"] = "100000",
        ["ServerSentEvents__HeartbeatInterval"] = "00:00:01",
    };
}
