/// <summary>How one provider signs and names its events.</summary>
/// <param name="Name">"github" or "razorpay".</param>
/// <param name="SignatureHeader">The header that carries the signature.</param>
/// <param name="EventIdHeader">The header that carries the delivery's unique id (the idempotency key).</param>
/// <param name="Verify">True when the signature header is right for these exact body bytes.</param>
public sealed record WebhookSource(string Name, string SignatureHeader, string EventIdHeader, Func<byte[], string?, bool> Verify)
{
    public static WebhookSource GitHub(string secret) =>
        new("github", "X-Hub-Signature-256", "X-GitHub-Delivery", (body, header) => Signatures.GitHubValid(secret, body, header));

    public static WebhookSource Razorpay(string secret) =>
        new("razorpay", "X-Razorpay-Signature", "x-razorpay-event-id", (body, header) => Signatures.RazorpayValid(secret, body, header));
}
