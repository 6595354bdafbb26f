using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

/// <summary>A real Kestrel on 127.0.0.1 with a random port, SSE services registered and a fake clock.</summary>
internal sealed class SseTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SseTestServer(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(address),
        };
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public ISseTopics Topics => _app.Services.GetRequiredService<ISseTopics>();

    public SseTopic Feed => Topics.Get("feed");

    /// <summary>
    /// Starts a server with <c>GET /events</c> (topic <c>feed</c>, greeting "Hello from server") unless
    /// <paramref name="map"/> maps something else.
    /// </summary>
    public static async Task<SseTestServer> StartAsync(
        Dictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? map = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddServerSentEvents(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        if (map is null) app.MapServerSentEvents("/events", "feed", o => o.HelloData = "Hello from server");
        else map(app);
        await app.StartAsync();
        return new SseTestServer(app, time);
    }

    /// <summary>Stops the app (as on shutdown) while clients may still be connected.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
