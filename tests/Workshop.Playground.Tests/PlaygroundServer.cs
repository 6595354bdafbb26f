using Microsoft.Extensions.Hosting;
using Workshop.Testing.Hosting;

namespace Workshop.Playground.Tests;

/// <summary>The playground from its own entry point on a <see cref="TestHost"/> (127.0.0.1, random port), in Development.</summary>
public sealed class PlaygroundServer : IAsyncDisposable, IDisposable
{
    private readonly TestHost _host;

    public PlaygroundServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>Starts with <paramref name="settings"/> on top of the test defaults; a start that fails throws.</summary>
    /// <remarks>Internal: xunit needs a class fixture to have a single public constructor.</remarks>
    internal PlaygroundServer(IReadOnlyDictionary<string, string?> settings)
        => _host = TestHost.StartApp<Program>(Environments.Development, settings);

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The app's services (to look at state no client can see).</summary>
    public IServiceProvider Services => _host.Services;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
