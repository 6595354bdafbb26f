using Workshop.Grading.Labs;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Checks.Hidden;

/// <summary>The webhook secrets each lab documents (README and appsettings.json), by lab and scheme.</summary>
internal static class LabSecrets
{
    /// <summary>The documented secret of <paramref name="lab"/> for <paramref name="scheme"/>, or null when it has none.</summary>
    public static string? Find(string lab, WebhookScheme scheme) => (lab, scheme) switch
    {
        ("06", WebhookScheme.GitHub) => WebhookReceiverChecks.GitHubSecret,
        ("06", WebhookScheme.Razorpay) => WebhookReceiverChecks.RazorpaySecret,
        ("08", WebhookScheme.Standard) => PaymentGateway.DevSecret,
        _ => null,
    };
}
