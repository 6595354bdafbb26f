using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace Workshop.Playground.Tests;

/// <summary>The playground on real Kestrel at 127.0.0.1 with a random port, in Development.</summary>
public sealed class PlaygroundServer : WebApplicationFactory<Program>
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("playground-tests-").FullName;

    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener: two factories
    // building at the same moment can catch each other's host. Start-ups take turns; running servers don't.
    private static readonly Lock StartGate = new();

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public PlaygroundServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>Starts with <paramref name="settings"/> on top of the test defaults; a start that fails cleans up and rethrows.</summary>
    /// <remarks>Internal: xunit needs a class fixture to have a single public constructor.</remarks>
    internal PlaygroundServer(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(0);
        try
        {
            lock (StartGate) StartServer();
        }
        catch
        {
            Dispose();
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Workshop:DataDirectory", _dataDir);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
