using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>
/// The verifiers of the three reference receivers, also for other pages (the inspector shows a verdict for a
/// captured request with <c>Get(scheme).Verify(new HeaderDictionary(headers), body)</c>).
/// </summary>
public sealed class ReferenceWebhookVerifiers(ReferenceWebhookSecrets secrets, TimeProvider time, IOptions<WebhookOptions> options)
{
    private readonly IWebhookVerifier _standard = new StandardWebhookVerifier(secrets.Standard, time, options.Value.Receiver.Tolerance);
    private readonly IWebhookVerifier _gitHub = HexHmacVerifier.GitHub(secrets.GitHub);
    private readonly IWebhookVerifier _razorpay = HexHmacVerifier.Razorpay(secrets.Razorpay);

    /// <summary>The verifier of <paramref name="scheme"/>.</summary>
    public IWebhookVerifier Get(WebhookScheme scheme) => scheme switch
    {
        WebhookScheme.GitHub => _gitHub,
        WebhookScheme.Razorpay => _razorpay,
        _ => _standard,
    };
}
