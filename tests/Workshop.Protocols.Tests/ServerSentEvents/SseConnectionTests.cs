using Microsoft.Extensions.DependencyInjection;
using System.Net.ServerSentEvents;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseConnectionTests
{
    [Fact]
    public async Task A_ping_comment_is_written_each_heartbeat_interval_in_which_nothing_was_published()
    {
        await using var server = await SseTestServer.StartAsync();
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");

        // An event inside the first interval: that interval was not idle, so its tick sends no ping ...
        server.Time.Advance(TimeSpan.FromSeconds(14.9));
        server.Feed.Publish(null, "inside the first interval");
        Assert.Contains("data: inside the first interval", (await stream.ReadFrameAsync())!);
        server.Time.Advance(TimeSpan.FromSeconds(0.1));
        server.Feed.Publish(null, "right after the first tick");
        Assert.Contains("data: right after the first tick", (await stream.ReadFrameAsync())!);

        // ... the second interval has an event too (just now), so its tick is skipped as well; the third is quiet.
        server.Time.Advance(TimeSpan.FromSeconds(15));
        server.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal([": ping"], await stream.ReadFrameAsync());
        server.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal([": ping"], await stream.ReadFrameAsync());
    }

    [Fact]
    public async Task The_heartbeat_interval_comes_from_configuration()
    {
        await using var server = await SseTestServer.StartAsync(new() { ["ServerSentEvents:HeartbeatInterval"] = "00:00:02" });
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");

        server.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([": ping"], await stream.ReadFrameAsync());
    }

    [Fact]
    public async Task A_client_disconnect_cancels_the_stream_and_unsubscribes()
    {
        await using var server = await SseTestServer.StartAsync();
        var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");
        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the stream subscribed");

        await stream.DisposeAsync();

        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 0, "the disconnected client is unsubscribed");
    }

    [Fact]
    public async Task DisconnectAll_ends_open_streams_on_the_server_side()
    {
        await using var server = await SseTestServer.StartAsync();
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");
        await Eventually.HoldsAsync(() => server.Feed.SubscriberCount == 1, "the stream subscribed");

        Assert.Equal(1, server.Feed.DisconnectAll());

        Assert.Null(await stream.ReadFrameAsync());
    }

    [Fact]
    public async Task Stopping_the_app_ends_open_streams_instead_of_waiting_for_the_shutdown_timeout()
    {
        await using var server = await SseTestServer.StartAsync(configure: b =>
            b.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1)));
        await using var stream = await RawSseStream.OpenAsync(server.Http, "/events");
        await stream.ReadFrameWithAsync("data: Hello from server");

        await Eventually.WithinAsync(server.StopAsync(), "the app to stop", TimeSpan.FromSeconds(10));

        Assert.Null(await stream.ReadFrameAsync());
        Assert.Equal(0, server.Feed.SubscriberCount);
    }

    [Fact]
    public async Task SseClient_follows_across_a_server_side_drop_with_no_lost_and_no_duplicated_id()
    {
        await using var server = await SseTestServer.StartAsync(new() { ["ServerSentEvents:RetryHint"] = "00:00:00.050" });
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var client = new SseClient(server.Http);
        var ids = new List<long>();

        await foreach (var item in client.FollowAsync(new Uri("/events", UriKind.Relative), cts.Token))
        {
            if (item.EventType == "message" && item.Data == "Hello from server")
            {
                // Each (re)connect greets first; publish two events per connection, dropping after the first pair.
                if (client.Connects == 1) { server.Feed.Publish(null, "a"); server.Feed.Publish(null, "b"); }
                continue;
            }
            ids.Add(long.Parse(item.EventId!, System.Globalization.CultureInfo.InvariantCulture));
            if (ids.Count == 2)
            {
                server.Feed.DisconnectAll();
                // Published while the client is away: it must come back through the replay.
                server.Feed.Publish(null, "c");
                server.Feed.Publish(null, "d");
            }
            if (ids.Count == 4) break;
        }

        Assert.Equal([1L, 2, 3, 4], ids);
        Assert.Equal(1, client.Reconnects);
        Assert.Equal("4", client.LastEventId);
        Assert.Equal(TimeSpan.FromMilliseconds(50), client.RetryInterval);
    }

    [Fact]
    public async Task SseClient_stops_with_the_status_when_the_server_refuses()
    {
        await using var server = await SseTestServer.StartAsync();
        var client = new SseClient(server.Http);

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in client.FollowAsync(new Uri("/missing", UriKind.Relative))) { }
        });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task A_stream_whose_queue_overflows_is_ended_and_its_client_resumes_without_loss()
    {
        await using var server = await SseTestServer.StartAsync(new()
        {
            ["ServerSentEvents:SubscriberQueueCapacity"] = "1",
            ["ServerSentEvents:RetryHint"] = "00:00:00.050",
        });
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var client = new SseClient(server.Http);
        var ids = new List<string>();
        var payload = new string('x', 16 * 1024);

        await foreach (var item in client.FollowAsync(new Uri("/events", UriKind.Relative), cts.Token))
        {
            // A burst far faster than one stream can write overflows its one-slot queue: that stream is dropped.
            if (item.EventType == "message" && client.Connects == 1 && item.EventId is null)
                for (var i = 0; i < 100; i++) server.Feed.Publish("burst", payload);
            if (item.EventType == "burst") ids.Add(item.EventId!);
            if (ids.Count == 100) break;
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.True(client.Reconnects >= 1, "the overflowing stream should have been dropped and resumed");
    }
}
