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

    /// <summary>
    /// Reads the secrets; throws <see cref="InvalidOperationException"/> naming the key when one is unusable, and
    /// outside Development when one is a documented Development default (anyone could sign with it).
    /// </summary>
    public static ReferenceWebhookSecrets Load(IConfiguration configuration, bool isDevelopment)
    {
        var standard = Read(configuration, "Webhooks:Standard:Secret", DevStandard, isDevelopment);
        if (!WebhookSecret.TryParse(standard, out _))
            throw new InvalidOperationException("Configuration key 'Webhooks:Standard:Secret' must be 'whsec_' followed by base64 key bytes.");
        return new ReferenceWebhookSecrets(
            standard,
            Read(configuration, "Webhooks:GitHub:Secret", DevGitHub, isDevelopment),
            Read(configuration, "Webhooks:Razorpay:Secret", DevRazorpay, isDevelopment));
    }

    private static string Read(IConfiguration configuration, string key, string developmentDefault, bool isDevelopment)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return isDevelopment ? developmentDefault : throw new InvalidOperationException(
                $"Missing configuration key '{key}' (environment variable '{variable}'): the webhook receiver cannot verify signatures without it.");
        }
        if (!isDevelopment && string.Equals(value.Trim(), developmentDefault, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Configuration key '{key}' (environment variable '{variable}') holds the documented Development default, which anyone can read: set a random secret outside Development.");
        }
        return value;
    }
}
