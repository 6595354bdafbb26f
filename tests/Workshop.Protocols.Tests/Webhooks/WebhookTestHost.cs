using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Webhooks;
using Workshop.Testing.Hosting;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>A <see cref="TestHost"/> with the webhook services, a temp data directory and caller-mapped endpoints.</summary>
internal sealed class WebhookTestHost : IAsyncDisposable
{
    private readonly TestHost _host;
    private readonly string _dataDirectory;

    private WebhookTestHost(TestHost host, string dataDirectory)
    {
        _host = host;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress => _host.BaseAddress;

    public IServiceProvider Services => _host.Services;

    public HttpClient CreateClient() => _host.CreateClient();

    public static async Task<WebhookTestHost> StartAsync(
        Action<WebApplication> map,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "workshop-webhooks-" + Guid.NewGuid().ToString("N"));
        var config = new Dictionary<string, string?>
        {
            ["Workshop:DataDirectory"] = dataDirectory,
            ["Webhooks:Sender:AllowLoopback"] = "true",
            ["Webhooks:Sender:BaseDelay"] = "00:00:00.050",
            ["Webhooks:Sender:MaxDelay"] = "00:00:00.200",
            ["Webhooks:Sender:MaxAttempts"] = "3",
            ["Webhooks:Sender:PollInterval"] = "00:00:00.050",
            ["Webhooks:Sender:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        var host = await TestHost.StartAsync(map, builder =>
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddWebhooks(builder.Configuration);
            services?.Invoke(builder.Services);
        }, config);
        return new WebhookTestHost(host, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
