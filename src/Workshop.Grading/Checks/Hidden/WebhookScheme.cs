namespace Workshop.Grading.Checks.Hidden;

/// <summary>How a <c>webhook</c> hidden check signs its deliveries.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<WebhookScheme>))]
internal enum WebhookScheme
{
    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c> (a <c>whsec_</c> secret).</summary>
    Standard,

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>, <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>.</summary>
    GitHub,

    /// <summary>Razorpay: <c>X-Razorpay-Signature: &lt;hex&gt;</c>, <c>x-razorpay-event-id</c>.</summary>
    Razorpay,
}
