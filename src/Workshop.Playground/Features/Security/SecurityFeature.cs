using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Workshop.Playground.Features.Security;

/// <summary>
/// The playground's safety layer: start-up checks of the deployment, trusted reverse proxies, a body-size ceiling,
/// per-client rate limits, security headers and Development's loopback host filter. See docs/security.md.
/// </summary>
public static class SecurityFeature
{
    /// <summary>Registers and checks the security settings; throws at start-up, naming the key, when they are unsafe.</summary>
    public static WebApplicationBuilder AddPlaygroundSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecurityOptions();
        builder.Configuration.GetSection(SecurityOptions.SectionName).Bind(options);
        HostingGuard.Validate(builder.Configuration, builder.Environment, options);
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.SectionName));
        builder.Services.AddSingleton<OperatorAccess>();
        builder.Services.AddPlaygroundRateLimits(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            // Only the proxies named in configuration are trusted (the framework's default trusts loopback).
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in options.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>Adds the middleware, in order: forwarded headers (when proxies are configured), headers, host filter, rate limits.</summary>
    public static WebApplication UsePlaygroundSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownNetworks.Count > 0) app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        var allowedHosts = app.Configuration["AllowedHosts"];
        if (app.Environment.IsDevelopment() && (string.IsNullOrWhiteSpace(allowedHosts) || allowedHosts.Trim() == "*")) app.UseMiddleware<LoopbackHostFilter>();
        app.UseRateLimiter();
        return app;
    }
}
