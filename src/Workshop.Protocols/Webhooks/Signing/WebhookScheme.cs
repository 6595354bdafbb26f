namespace Workshop.Protocols.Webhooks;

/// <summary>The signature schemes the kit signs and verifies.</summary>
public enum WebhookScheme
{
    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,&lt;base64&gt;</c>.</summary>
    Standard,

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> over the body; event id in <c>X-GitHub-Delivery</c>.</summary>
    GitHub,

    /// <summary>Razorpay: <c>X-Razorpay-Signature: &lt;hex&gt;</c> over the body; event id in <c>x-razorpay-event-id</c>.</summary>
    Razorpay,
}
