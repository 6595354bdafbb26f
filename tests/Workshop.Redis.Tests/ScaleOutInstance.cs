using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Redis;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Redis.Tests;

/// <summary>
/// One instance of a scaled-out app on real Kestrel (127.0.0.1:0): <c>/ws/chat</c>, <c>GET /events</c> (topic
/// <c>feed</c>) and <c>/health</c> as the playground maps them, with the Redis backplane switched on by configuration.
/// </summary>
internal sealed class ScaleOutInstance : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LogSink _logs;

    private ScaleOutInstance(WebApplication app, LogSink logs)
    {
        _app = app;
        _logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        HttpAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = HttpAddress };
    }

    public Uri HttpAddress { get; }

    public Uri Chat => new UriBuilder(HttpAddress) { Scheme = "ws", Path = "/ws/chat" }.Uri;

    public HttpClient Http { get; }

    public ISseTopics Topics => _app.Services.GetRequiredService<ISseTopics>();

    public SseTopic Feed => Topics.Get("feed");

    /// <summary>Every warning or error the app logged so far.</summary>
    public IReadOnlyList<string> Problems => _logs.Lines;

    public static async Task<ScaleOutInstance> StartAsync(string redis, string prefix, int logCapacity = 1000, string presenceInterval = "00:00:05")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var logs = new LogSink();
        builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = redis,
            ["Redis:KeyPrefix"] = prefix,
            ["Redis:PresenceInterval"] = presenceInterval,
            ["ServerSentEvents:LogCapacity"] = logCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ServerSentEvents:RetryHint"] = "00:00:00.050",
        });
        builder.Services.AddRealtimeWebSockets(builder.Configuration);
        builder.Services.AddServerSentEvents(builder.Configuration);
        builder.Services.AddRedisBackplane(builder.Configuration);
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(BackplaneHealthReport.From(report)),
        });
        app.MapChat("/ws/chat");
        app.MapServerSentEvents("/events", "feed");
        await app.StartAsync();
        return new ScaleOutInstance(app, logs);
    }

    public async Task<BackplaneHealthReport> HealthAsync()
        => (await Http.GetFromJsonAsync<BackplaneHealthReport>("/health"))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
