using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
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

    // WebApplicationFactory finds an entry point's host through a process-wide DiagnosticListener: two factories
    // building at the same moment can catch each other's host. Start-ups take turns; running apps don't.
    private static readonly Lock EntryPointGate = new();

    private readonly WebApplication? _app;
    private readonly IAsyncDisposable? _factory;
    private bool _stopped;

    private TestHost(WebApplication? app, IAsyncDisposable? factory, IServiceProvider services, string? dataDirectory)
    {
        _app = app;
        _factory = factory;
        Services = services;
        DataDirectory = dataDirectory;
        var address = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        WsAddress = new UriBuilder(BaseAddress) { Scheme = "ws" }.Uri;
    }

    /// <summary>The running app built by <see cref="StartAsync"/> (its services, its lifetime).</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("An app started from its entry point has no WebApplication here: use Services.");

    /// <summary>The app's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The temporary <c>Workshop:DataDirectory</c> of an app started from its entry point (deleted on dispose).</summary>
    public string? DataDirectory { get; }

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
        return new TestHost(app, null, app.Services, null);
    }

    /// <summary>
    /// Starts a whole app from its entry point (its own <c>Program</c>, every service and endpoint it maps) on real
    /// Kestrel, in <paramref name="environment"/>, with a fresh temporary <c>Workshop:DataDirectory</c>, then
    /// <paramref name="settings"/> (which win), then whatever <paramref name="configure"/> adds (e.g. a log provider).
    /// </summary>
    public static TestHost StartApp<TEntryPoint>(
        string environment,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IWebHostBuilder>? configure = null)
        where TEntryPoint : class
    {
        var dataDirectory = Directory.CreateTempSubdirectory("workshop-app-").FullName;
        var factory = new EntryPointFactory<TEntryPoint>(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Workshop:DataDirectory", dataDirectory);
            foreach (var (key, value) in settings ?? []) builder.UseSetting(key, value);
            configure?.Invoke(builder);
        });
        try
        {
            lock (EntryPointGate) factory.StartServer();
            return new TestHost(null, factory, factory.Services, dataDirectory);
        }
        catch
        {
            factory.Dispose();
            DeleteQuietly(dataDirectory);
            throw;
        }
    }

    /// <summary>Stops the app as on shutdown (application stopping fires; open connections are ended), bounded in time.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (_factory is not null)
        {
            await _factory.DisposeAsync(); // stops the host it built
            return;
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        await _app!.StopAsync(timeout.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_app is not null) await _app.DisposeAsync();
        if (DataDirectory is not null) DeleteQuietly(DataDirectory);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The framework's way to build an app from its entry point, told to listen on real Kestrel.</summary>
    private sealed class EntryPointFactory<TEntryPoint>(Action<IWebHostBuilder> configure) : WebApplicationFactory<TEntryPoint>
        where TEntryPoint : class
    {
        public new void StartServer()
        {
            UseKestrel(0);
            base.StartServer();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }
}
