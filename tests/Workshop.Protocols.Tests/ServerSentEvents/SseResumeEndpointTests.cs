using System.Net.ServerSentEvents;
using System.Text.Json;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseResumeEndpointTests
{
    private static readonly Dictionary<string, string?> SmallLog = new() { ["ServerSentEvents:LogCapacity"] = "5" };

    [Fact]
    public async Task Reconnecting_with_the_Last_Event_ID_header_replays_exactly_the_missed_events()
    {
        await using var server = await SseTestServer.StartAsync();
        PublishMany(server.Feed, 4);

        var items = await ReadAsync(server, "/events", lastEventIdHeader: "2", count: 3);

        Assert.Equal("Hello from server", items[0].Data);
        Assert.Equal(["3", "4"], items.Skip(1).Select(i => i.EventId));
    }

    [Fact]
    public async Task A_first_connect_resumes_from_the_lastEventId_query_parameter()
    {
        await using var server = await SseTestServer.StartAsync();
        PublishMany(server.Feed, 3);

        var items = await ReadAsync(server, "/events?lastEventId=1", lastEventIdHeader: null, count: 3);

        Assert.Equal(["2", "3"], items.Skip(1).Select(i => i.EventId));
    }

    [Fact]
    public async Task The_header_wins_over_the_query_parameter_a_reconnecting_browser_still_sends()
    {
        await using var server = await SseTestServer.StartAsync();
        PublishMany(server.Feed, 3);

        var items = await ReadAsync(server, "/events?lastEventId=0", lastEventIdHeader: "2", count: 2);

        Assert.Equal(["3"], items.Skip(1).Select(i => i.EventId));
    }

    [Fact]
    public async Task An_id_older_than_the_log_gets_an_explicit_reset_then_the_whole_log()
    {
        await using var server = await SseTestServer.StartAsync(SmallLog);
        PublishMany(server.Feed, 9); // the log keeps 5..9

        var items = await ReadAsync(server, "/events", lastEventIdHeader: "2", count: 7);

        var reset = items[1];
        Assert.Equal("reset", reset.EventType);
        Assert.Equal("4", reset.EventId);
        using var data = JsonDocument.Parse(reset.Data);
        Assert.Equal("too-old", data.RootElement.GetProperty("reason").GetString());
        Assert.Equal("2", data.RootElement.GetProperty("requested").GetString());
        Assert.Equal(4, data.RootElement.GetProperty("resumeFrom").GetInt64());
        Assert.Equal(9, data.RootElement.GetProperty("latest").GetInt64());
        Assert.Equal(["5", "6", "7", "8", "9"], items.Skip(2).Select(i => i.EventId));
    }

    [Theory]
    [InlineData("50", "future")]
    [InlineData("not-a-number", "invalid")]
    public async Task An_unusable_id_gets_a_reset_naming_the_reason(string lastEventId, string reason)
    {
        await using var server = await SseTestServer.StartAsync();
        PublishMany(server.Feed, 2);

        var items = await ReadAsync(server, "/events", lastEventIdHeader: lastEventId, count: 4);

        Assert.Equal("reset", items[1].EventType);
        using var data = JsonDocument.Parse(items[1].Data);
        Assert.Equal(reason, data.RootElement.GetProperty("reason").GetString());
        Assert.Equal(["1", "2"], items.Skip(2).Select(i => i.EventId));
    }

    [Fact]
    public async Task A_replay_can_be_announced_so_a_page_can_mark_replayed_events()
    {
        await using var server = await SseTestServer.StartAsync(map: app =>
            Microsoft.AspNetCore.Builder.ServerSentEventsEndpointRouteBuilderExtensions.MapServerSentEvents(app, "/events", "feed", o => o.AnnounceReplay = true));
        PublishMany(server.Feed, 3);

        var items = await ReadAsync(server, "/events", lastEventIdHeader: "1", count: 3);

        Assert.Equal("replay", items[0].EventType);
        Assert.Equal("""{"count":2,"after":1}""", items[0].Data);
        Assert.Equal(["2", "3"], items.Skip(1).Select(i => i.EventId));
    }

    private static void PublishMany(SseTopic topic, int count)
    {
        for (var i = 1; i <= count; i++) topic.Publish("tick", $"{{\"n\":{i}}}");
    }

    private static async Task<List<SseItem<string>>> ReadAsync(SseTestServer server, string path, string? lastEventIdHeader, int count)
    {
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var client = new SseClient(server.Http) { LastEventId = lastEventIdHeader };
        var items = new List<SseItem<string>>();
        await foreach (var item in client.ReadAsync(new Uri(path, UriKind.Relative), cts.Token))
        {
            items.Add(item);
            if (items.Count == count) break;
        }
        return items;
    }
}
