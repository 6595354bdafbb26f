using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Judges a captured request with each scheme whose headers it carries, using the bin's own secret for that
/// scheme when set, else the playground's reference secret (the documented dev secrets in Development).
/// </summary>
public sealed class CaptureVerifier(ReferenceWebhookVerifiers reference, TimeProvider time, IOptions<WebhookOptions> webhookOptions)
{
    private static readonly (WebhookScheme Scheme, string Name, string[] Headers)[] Schemes =
    [
        (WebhookScheme.Standard, "standard", [StandardWebhookVerifier.IdHeader, StandardWebhookVerifier.TimestampHeader, StandardWebhookVerifier.SignatureHeader]),
        (WebhookScheme.GitHub, "github", ["X-Hub-Signature-256"]),
        (WebhookScheme.Razorpay, "razorpay", ["X-Razorpay-Signature"]),
    ];

    /// <summary>One verdict per scheme with at least one of its headers present (none for an unsigned request).</summary>
    public IReadOnlyList<SignatureVerdict> Judge(InspectorBin bin, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(bin);
        ArgumentNullException.ThrowIfNull(headers);
        var verdicts = new List<SignatureVerdict>();
        foreach (var (scheme, name, names) in Schemes)
        {
            if (!names.Any(headers.ContainsKey)) continue;
            var own = bin.OwnVerifiers.TryGetValue(scheme, out var verifier);
            var result = (own ? verifier! : reference.Get(scheme)).Verify(headers, body);
            verdicts.Add(new SignatureVerdict(name, result.IsValid, result.Reason, result.Detail, own ? "bin" : "reference"));
        }
        return verdicts;
    }

    /// <summary>Builds verifiers for the secrets a user sets on a new bin; throws <see cref="FormatException"/> for a bad Standard secret.</summary>
    public IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> ForSecrets(string? standard, string? gitHub, string? razorpay)
    {
        var verifiers = new Dictionary<WebhookScheme, IWebhookVerifier>();
        if (!string.IsNullOrWhiteSpace(standard))
        {
            if (!WebhookSecret.TryParse(standard.Trim(), out _)) throw new FormatException("'standardSecret' must be 'whsec_' followed by base64 key bytes.");
            verifiers[WebhookScheme.Standard] = new StandardWebhookVerifier(standard.Trim(), time, webhookOptions.Value.Receiver.Tolerance);
        }
        if (!string.IsNullOrEmpty(gitHub)) verifiers[WebhookScheme.GitHub] = HexHmacVerifier.GitHub(gitHub);
        if (!string.IsNullOrEmpty(razorpay)) verifiers[WebhookScheme.Razorpay] = HexHmacVerifier.Razorpay(razorpay);
        return verifiers;
    }
}
