namespace Workshop.Protocols.Webhooks;

/// <summary>Sender and outbox settings (<c>Webhooks:Sender</c>).</summary>
public sealed class WebhookSenderOptions
{
    /// <summary>Whether the background dispatcher runs. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Attempts before a delivery is dead-lettered. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>
    /// How many times one delivery may be redelivered by hand (each redelivery is a fresh round of up to
    /// <see cref="MaxAttempts"/> attempts), so one stored delivery cannot be turned into unbounded traffic. Default 3.
    /// </summary>
    public int MaxRedeliveries { get; set; } = 3;

    /// <summary>Delay before the second attempt; doubles each time (with jitter). Default 5 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the backoff delay. Default 1 hour.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound honoured for a receiver's <c>Retry-After</c>. Default 1 hour.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Timeout of one attempt (connect + response). Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a dispatcher owns a claimed delivery; after a crash another claim may take it. Must be at least
    /// <see cref="AttemptTimeout"/> + <see cref="MinimumLeaseMargin"/> (checked at start-up), so a live attempt is
    /// always recorded before its lease runs out. Default 30 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher looks for due deliveries when not woken by an enqueue. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Attempts in flight at once. A slot is refilled by a new claim as soon as its attempt ends, so a hanging
    /// endpoint holds one slot, never the others. Default 16.
    /// </summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Most deliveries claimed by one query (never more than the free slots). Default 16.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Time left on a lease after the attempt timeout, for recording the result: 1 s.</summary>
    public static TimeSpan MinimumLeaseMargin { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Allow loopback destinations (127.0.0.0/8, ::1). Default false; true in Development and tests.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Networks in CIDR form (e.g. <c>10.1.0.0/16</c>) allowed although private.</summary>
    public IList<string> AllowedNetworks { get; } = [];
}
