using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workshop.Testing.Hosting;

/// <summary>
/// A real Kestrel app for a test: built from a slim builder, listening on 127.0.0.1 with a port the OS picks, logging
/// nowhere unless the test adds a provider, stopped and disposed with the test. The test says what the app
/// registers (<c>configure</c>) and maps (<c>map</c>); the host says where it listens.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private bool _stopped;

    private TestHost(WebApplication app)
    {
        App = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        WsAddress = new UriBuilder(BaseAddress) { Scheme = "ws" }.Uri;
    }

    /// <summary>The running app (its services, its lifetime).</summary>
    public WebApplication App { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The same address for WebSockets, e.g. <c>ws://127.0.0.1:40123/</c>.</summary>
    public Uri WsAddress { get; }

    /// <summary>An absolute <c>http://</c> address of <paramref name="path"/> on the app.</summary>
    public Uri Http(string path) => new(BaseAddress, path);

    /// <summary>An absolute <c>ws://</c> address of <paramref name="path"/> on the app.</summary>
    public Uri Ws(string path) => new(WsAddress, path);

    /// <summary>A new client with the app's base address (the caller disposes it).</summary>
    public HttpClient CreateClient(HttpMessageHandler? handler = null)
        => new(handler ?? new SocketsHttpHandler()) { BaseAddress = BaseAddress };

    /// <summary>
    /// Builds and starts an app. <paramref name="settings"/> go into its configuration first, then
    /// <paramref name="configure"/> registers services (and may add settings that win), then <paramref name="map"/>
    /// maps endpoints and middleware.
    /// </summary>
    public static async Task<TestHost> StartAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder);
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new TestHost(app);
    }

    /// <summary>Stops the app as on shutdown (application stopping fires; open connections are ended), bounded in time.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var timeout = new CancellationTokenSource(StopTimeout);
        await App.StopAsync(timeout.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
    }
}
