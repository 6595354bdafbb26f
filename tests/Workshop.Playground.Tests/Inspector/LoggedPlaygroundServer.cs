using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workshop.Testing.Hosting;

namespace Workshop.Playground.Tests.Inspector;

/// <summary>The playground on a <see cref="TestHost"/> in Development, with every log line it writes kept in <see cref="Logs"/> (the app's own categories at Debug).</summary>
internal sealed class LoggedPlaygroundServer : IAsyncDisposable
{
    private readonly TestHost _host;

    public LoggedPlaygroundServer()
    {
        _host = TestHost.StartApp<Program>(
            Environments.Development,
            new Dictionary<string, string?> { ["Logging:LogLevel:Workshop"] = "Debug" },
            builder => builder.ConfigureLogging(logging => logging.AddProvider(Logs)));
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public Uri BaseAddress => _host.BaseAddress;

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
