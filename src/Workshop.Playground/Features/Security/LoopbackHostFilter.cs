using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Workshop.Protocols.Http;

namespace Workshop.Playground.Features.Security;

/// <summary>
/// Development's DNS-rebinding guard. A learner's playground listens on loopback with <c>AllowedHosts</c> unset, so
/// a web page could point a name it controls at 127.0.0.1 and script the playground from the learner's browser.
/// While every address the server listens on is loopback, only loopback host names are accepted
/// (<c>localhost</c>, <c>*.localhost</c>, 127.x, <c>[::1]</c>), and in a GitHub Codespace its own forwarded name;
/// others get 400 <c>host-not-allowed</c>. Bound to a public address, the developer chose to expose it; and a
/// configured <c>AllowedHosts</c> (another cloud IDE's host name) replaces this filter with the framework's.
/// </summary>
public sealed class LoopbackHostFilter(RequestDelegate next, IServer server)
{
    private readonly Func<string, string?> _variable = Environment.GetEnvironmentVariable;
    private bool? _loopbackOnly;

    /// <summary>Runs the filter.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _loopbackOnly ??= LoopbackOnly(server);
        if (_loopbackOnly != true || IsDevelopmentHost(context.Request.Host.Host, _variable)) return next(context);
        return HttpProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "host-not-allowed", "Host not allowed",
            "This development server listens on loopback only and answers loopback host names only (localhost, 127.0.0.1, [::1]). " +
            "Reaching it through another name on purpose (a cloud IDE's forwarded port)? Set AllowedHosts to that name.");
    }

    /// <summary>
    /// True for a loopback name, and inside a GitHub Codespace (<c>CODESPACES=true</c>) for that codespace's own
    /// forwarded names (<c>{CODESPACE_NAME}-{port}.{GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN}</c>): GitHub's proxy
    /// passes them through as the <c>Host</c>, and no one else can point such a name anywhere.
    /// </summary>
    public static bool IsDevelopmentHost(string host, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (IsLoopbackName(host)) return true;
        if (!string.Equals(variable("CODESPACES"), "true", StringComparison.OrdinalIgnoreCase)) return false;
        var name = variable("CODESPACE_NAME");
        var domain = variable("GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN");
        return !string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(domain)
            && host.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase)
            && host.EndsWith("." + domain.Trim('.'), StringComparison.OrdinalIgnoreCase)
            && !host[(name.Length + 1)..^(domain.Trim('.').Length + 1)].Contains('.', StringComparison.Ordinal);
    }

    /// <summary>True for <c>localhost</c>, a <c>.localhost</c> name and loopback address literals.</summary>
    public static bool IsLoopbackName(string host)
    {
        if (string.IsNullOrEmpty(host)) return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static bool? LoopbackOnly(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0) return null; // not started yet: decide on a later request
        return addresses.All(a => Uri.TryCreate(a.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) && IsLoopbackName(uri.Host));
    }
}
