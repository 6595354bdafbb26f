namespace Workshop.Protocols.Webhooks;

/// <summary>Receiver settings (<c>Webhooks:Receiver</c>).</summary>
public sealed class WebhookReceiverOptions
{
    /// <summary>Largest accepted body in bytes; larger gets 413. Default 256 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Allowed clock skew for timestamped schemes, both directions. Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where handled event ids are remembered: <c>Sqlite</c> (default, durable) or <c>InMemory</c>.</summary>
    public string IdempotencyStore { get; set; } = "Sqlite";

    /// <summary>How long an unfinished claim blocks a duplicate before a retry may take it over. Default 5 minutes.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
