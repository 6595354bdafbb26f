namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Headers a redelivery never forwards, in every environment: credentials of the original caller must not travel
/// to another destination. The signature headers of the three schemes are kept: they are what a redelivery shows.
/// </summary>
internal static class CredentialHeaders
{
    private static readonly HashSet<string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token",
    };

    private static readonly HashSet<string> SignatureHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "webhook-id", "webhook-timestamp", "webhook-signature", "X-Hub-Signature-256", "X-Razorpay-Signature",
    };

    /// <summary>True when <paramref name="name"/> carries a credential (named, or containing "token" or "secret").</summary>
    public static bool IsCredential(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (SignatureHeaders.Contains(name)) return false;
        return Named.Contains(name)
            || name.Contains("token", StringComparison.OrdinalIgnoreCase)
            || name.Contains("secret", StringComparison.OrdinalIgnoreCase);
    }
}
