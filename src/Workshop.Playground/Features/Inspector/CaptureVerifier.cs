using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Gives each new bin its own secrets (generated, or supplied by the creator) and judges a captured request with
/// each scheme whose headers it carries, using only the bin's secrets: never the playground's receiver secrets.
/// </summary>
public sealed class CaptureVerifier(TimeProvider time, IOptions<WebhookOptions> webhookOptions)
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
            var result = bin.Verifiers[scheme].Verify(headers, body);
            verdicts.Add(new SignatureVerdict(name, result.IsValid, result.Reason, result.Detail, "bin"));
        }
        return verdicts;
    }

    /// <summary>
    /// The secrets of a new bin: those supplied, the others generated. Throws <see cref="FormatException"/> for a
    /// malformed Standard secret (the message never contains it).
    /// </summary>
    internal BinSigning ForNewBin(string? standard, string? gitHub, string? razorpay)
    {
        var own = new List<string>();
        if (!string.IsNullOrWhiteSpace(standard))
        {
            standard = standard.Trim();
            if (!WebhookSecret.TryParse(standard, out _)) throw new FormatException("'standardSecret' must be 'whsec_' followed by base64 key bytes.");
            own.Add("standard");
        }
        else standard = WebhookSecret.Generate();
        if (!string.IsNullOrEmpty(gitHub)) own.Add("github");
        else gitHub = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!string.IsNullOrEmpty(razorpay)) own.Add("razorpay");
        else razorpay = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return ForStored(new BinSecrets(standard, gitHub, razorpay), own);
    }

    /// <summary>The signing of a bin whose secrets were already chosen (a bin another instance created, read back from Redis).</summary>
    internal BinSigning ForStored(BinSecrets secrets, IReadOnlyList<string> own)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var verifiers = new Dictionary<WebhookScheme, IWebhookVerifier>
        {
            [WebhookScheme.Standard] = new StandardWebhookVerifier(secrets.Standard, time, webhookOptions.Value.Receiver.Tolerance),
            [WebhookScheme.GitHub] = HexHmacVerifier.GitHub(secrets.GitHub),
            [WebhookScheme.Razorpay] = HexHmacVerifier.Razorpay(secrets.Razorpay),
        };
        return new BinSigning(secrets, own, verifiers);
    }
}
