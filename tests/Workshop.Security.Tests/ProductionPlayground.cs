using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Workshop.Testing.Hosting;

namespace Workshop.Security.Tests;

/// <summary>
/// The playground from its entry point on a <see cref="TestHost"/> (127.0.0.1, random port), configured as a production deployment is: environment
/// Production, fresh random receiver secrets, <c>AllowedHosts</c>, an operator token and the default limits. Only
/// <c>Webhooks:Sender:AllowLoopback</c> is on, so redelivery and the sender can reach a loopback target in a test.
/// Tests attack it as an anonymous client: with <see cref="Client"/>, raw sockets or WebSockets, never through
/// the app's services.
/// </summary>
public sealed class ProductionPlayground : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly TestHost _host;

    /// <summary>Starts the server; <paramref name="overrides"/> replace or add configuration keys.</summary>
    public ProductionPlayground(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        _overrides = overrides ?? new Dictionary<string, string?>();
        _host = TestHost.StartApp<Program>(Environments.Production, Settings());
    }

    /// <summary>The Standard Webhooks secret the server's own receiver accepts (what an attacker wants signed).</summary>
    public string StandardSecret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The GitHub receiver's secret.</summary>
    public string GitHubSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The Razorpay receiver's secret.</summary>
    public string RazorpaySecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The operator token that guards private data.</summary>
    public string OperatorToken { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The app's services (to check a bound held, never to attack through).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The data directory (SQLite file) of this instance.</summary>
    public string DataDirectory => _host.DataDirectory!;

    /// <summary>A plain client with no cookies and no credentials, as an outsider has.</summary>
    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    /// <summary>
    /// The configuration a deployer sets through environment variables, as keys (the data directory is the host's,
    /// the address a random loopback port).
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "127.0.0.1;localhost",
            ["Webhooks:Standard:Secret"] = StandardSecret,
            ["Webhooks:GitHub:Secret"] = GitHubSecret,
            ["Webhooks:Razorpay:Secret"] = RazorpaySecret,
            ["Webhooks:Sender:AllowLoopback"] = "true",
            ["Security:OperatorToken"] = OperatorToken,
        };
        foreach (var (key, value) in _overrides) settings[key] = value;
        return settings;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
