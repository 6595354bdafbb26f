using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing.Hosting;

namespace Workshop.Protocols.Tests.ServerSentEvents;

/// <summary>A <see cref="TestHost"/> with the SSE services registered and a fake clock.</summary>
internal sealed class SseTestServer : IAsyncDisposable
{
    private readonly TestHost _host;

    private SseTestServer(TestHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
        Http = host.CreateClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public ISseTopics Topics => _host.Services.GetRequiredService<ISseTopics>();

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
        var host = await TestHost.StartAsync(
            app =>
            {
                if (map is null) app.MapServerSentEvents("/events", "feed", o => o.HelloData = "Hello from server");
                else map(app);
            },
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddServerSentEvents(builder.Configuration);
                configure?.Invoke(builder);
            },
            settings);
        return new SseTestServer(host, time);
    }

    /// <summary>Stops the app (as on shutdown) while clients may still be connected.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
    }
}
