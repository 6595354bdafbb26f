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
}
