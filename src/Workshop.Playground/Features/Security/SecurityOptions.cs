namespace Workshop.Playground.Features.Security;

/// <summary>
/// The deployer's security settings, bound from the <c>Security</c> section (environment variables such as
/// <c>Security__OperatorToken</c>). docs/security.md, "Hosting the playground for a class", explains each one.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Security";

    /// <summary>
    /// A random secret (at least 16 characters) that unlocks private data outside Development (the bodies the
    /// reference receivers accepted), sent as <c>Authorization: Bearer …</c>. Unset: that data is not served at all.
    /// </summary>
    public string? OperatorToken { get; set; }

    /// <summary>
    /// Addresses of the reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are trusted. Empty
    /// (the default): forwarded headers are ignored, since anyone can send them.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks (CIDR) of trusted reverse proxies, like <see cref="KnownProxies"/>.</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>Largest request body Kestrel accepts on any endpoint (default 1 MiB; endpoints set lower limits of their own).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
