namespace Workshop.Protocols.Webhooks;

/// <summary>Webhook settings, bound from the configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>Receiver settings (<c>Webhooks:Receiver</c>).</summary>
    public WebhookReceiverOptions Receiver { get; set; } = new();

    /// <summary>Sender and outbox settings (<c>Webhooks:Sender</c>).</summary>
    public WebhookSenderOptions Sender { get; set; } = new();

    /// <summary>
    /// How long finished deliveries (with their attempts), idempotency records (event ids and body hashes) and
    /// disabled endpoints are kept before the retention service deletes them. Also the window in which a replayed
    /// body is recognised for schemes that sign no timestamp. Must be positive. Default 7 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention service sweeps (it also sweeps shortly after start). Must be positive. Default 10 minutes.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Ceiling of <c>webhooks.db</c> in bytes, enforced by SQLite itself (<c>PRAGMA max_page_count</c> on every
    /// connection). When it is reached, new work is refused with <see cref="WebhookStorageFullException"/> until
    /// retention frees pages; deletes still work. At least 64 KiB. Default 256 MiB.
    /// </summary>
    public long MaxDatabaseBytes { get; set; } = WebhookDatabase.DefaultMaxDatabaseBytes;
}
