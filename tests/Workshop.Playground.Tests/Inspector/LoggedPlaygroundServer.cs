using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workshop.Playground.Tests.Inspector;

/// <summary>The playground on real Kestrel in Development, with every log line it writes kept in <see cref="Logs"/> (the app's own categories at Debug).</summary>
internal sealed class LoggedPlaygroundServer : WebApplicationFactory<Program>
{
    private static readonly Lock StartGate = new();
    private readonly string _dataDir = Directory.CreateTempSubdirectory("playground-logs-").FullName;

    public LoggedPlaygroundServer()
    {
        UseKestrel(0);
        lock (StartGate) StartServer();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Workshop:DataDirectory", _dataDir);
        builder.UseSetting("Logging:LogLevel:Workshop", "Debug");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
