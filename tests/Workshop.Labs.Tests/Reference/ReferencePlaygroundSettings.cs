namespace Workshop.Labs.Tests.Reference;

/// <summary>
/// The configuration the reference playground runs with for the lab checks. Which checks run against it, under which
/// paths, and why the others do not, is in <c>labs/labs.json</c> (each lab's and task's <c>reference</c>).
/// </summary>
public static class ReferencePlaygroundSettings
{
    /// <summary>The lab 08 dev secret the playground is started with, so its Standard receiver accepts the lab's gateway.</summary>
    public const string Lab08Secret = Workshop.Grading.Probes.PaymentGateway.DevSecret;

    /// <summary>Lab 08's Razorpay dev secret, given to the playground's Razorpay receiver.</summary>
    public const string Lab08RazorpaySecret = Workshop.Grading.Probes.RazorpayGateway.DevSecret;

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
