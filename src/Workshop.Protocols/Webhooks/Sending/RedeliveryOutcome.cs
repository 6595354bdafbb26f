namespace Workshop.Protocols.Webhooks;

/// <summary>What <see cref="WebhookSender.RedeliverAsync"/> did.</summary>
public enum RedeliveryOutcome
{
    /// <summary>The delivery is pending again with a fresh round of attempts.</summary>
    Redelivered,

    /// <summary>No delivery has this id (or retention deleted it).</summary>
    NotFound,

    /// <summary>The delivery has not finished yet; redeliver it once it has.</summary>
    StillPending,

    /// <summary>The delivery was already redelivered <see cref="WebhookSenderOptions.MaxRedeliveries"/> times.</summary>
    LimitReached,
}
