using System.Net;

namespace Workshop.Playground.Features.Security;

/// <summary>Start-up checks of the deployment: a misconfigured public instance stops with a message naming the key.</summary>
public static class HostingGuard
{
    /// <summary>
    /// Outside Development, <c>AllowedHosts</c> must list the instance's host names (the framework's host filter then
    /// answers any other <c>Host</c> with 400), and the options must be usable.
    /// </summary>
    public static void Validate(IConfiguration configuration, IHostEnvironment environment, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        if (!environment.IsDevelopment())
        {
            var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (hosts.Length == 0 || hosts.Contains("*"))
                throw new InvalidOperationException(
                    "Configuration key 'AllowedHosts' (environment variable 'AllowedHosts') must list this server's host names, e.g. 'workshop.example.org', outside Development: '*' would let any Host header through (DNS rebinding, poisoned links).");
        }
        if (!string.IsNullOrWhiteSpace(options.OperatorToken) && options.OperatorToken.Trim().Length < 16)
            throw new InvalidOperationException("Configuration key 'Security:OperatorToken' must be at least 16 characters (use a random value).");
        foreach (var proxy in options.KnownProxies)
        {
            if (!IPAddress.TryParse(proxy, out _)) throw new InvalidOperationException($"Configuration key 'Security:KnownProxies' has '{proxy}', which is not an IP address.");
        }
        foreach (var network in options.KnownNetworks)
        {
            if (!IPNetwork.TryParse(network, out _)) throw new InvalidOperationException($"Configuration key 'Security:KnownNetworks' has '{network}', which is not a CIDR network.");
        }
        if (options.MaxRequestBodyBytes < 1024) throw new InvalidOperationException("Configuration key 'Security:MaxRequestBodyBytes' must be at least 1024.");
    }
}
