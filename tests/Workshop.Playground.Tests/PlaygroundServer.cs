using Microsoft.Extensions.Hosting;
using Workshop.Testing.Hosting;

namespace Workshop.Playground.Tests;

/// <summary>The playground from its own entry point on a <see cref="TestHost"/> (127.0.0.1, random port), in Development.</summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    private readonly TestHost _host = TestHost.StartApp<Program>(Environments.Development);

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The app's services (to look at state no client can see).</summary>
    public IServiceProvider Services => _host.Services;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
