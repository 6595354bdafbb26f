using Microsoft.Extensions.Configuration;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Webhooks;

/// <summary>
/// The reference receivers' secrets, read once at start-up from <c>Webhooks:Standard:Secret</c>,
/// <c>Webhooks:GitHub:Secret</c> and <c>Webhooks:Razorpay:Secret</c>. In Development the documented defaults
/// below fill any gap; elsewhere a missing or malformed secret stops the app with a message naming the key.
/// </summary>
public sealed record ReferenceWebhookSecrets(string Standard, string GitHub, string Razorpay)
{
    /// <summary>Development default for <c>Webhooks:Standard:Secret</c> (public on purpose: it signs test requests).</summary>
    public const string DevStandard = "whsec_d29ya3Nob3Atc3RhbmRhcmQtd2ViaG9va3MtZGV2LWtleSE=";

    /// <summary>Development default for <c>Webhooks:GitHub:Secret</c>.</summary>
    public const string DevGitHub = "workshop-github-dev-secret";

    /// <summary>Development default for <c>Webhooks:Razorpay:Secret</c>.</summary>
    public const string DevRazorpay = "workshop-razorpay-dev-secret";

    /// <summary>Reads the secrets; throws <see cref="InvalidOperationException"/> naming the key when one is unusable.</summary>
    public static ReferenceWebhookSecrets Load(IConfiguration configuration, bool isDevelopment)
    {
        var standard = Read(configuration, "Webhooks:Standard:Secret", isDevelopment ? DevStandard : null);
        if (!WebhookSecret.TryParse(standard, out _))
            throw new InvalidOperationException("Configuration key 'Webhooks:Standard:Secret' must be 'whsec_' followed by base64 key bytes.");
        return new ReferenceWebhookSecrets(
            standard,
            Read(configuration, "Webhooks:GitHub:Secret", isDevelopment ? DevGitHub : null),
            Read(configuration, "Webhooks:Razorpay:Secret", isDevelopment ? DevRazorpay : null));
    }

    private static string Read(IConfiguration configuration, string key, string? fallback)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value)) return value;
        return fallback ?? throw new InvalidOperationException(
            $"Missing configuration key '{key}' (environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}'): the webhook receiver cannot verify signatures without it.");
    }
}
