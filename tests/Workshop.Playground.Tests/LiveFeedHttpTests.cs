using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

public sealed class LiveFeedHttpTests
{
    [Fact]
    public async Task Events_sends_hello_from_server_first_then_named_json_feed_events_with_increasing_ids()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var items = new List<SseItem<string>>();

        await foreach (var item in new SseClient(http).ReadAsync(new Uri("/events", UriKind.Relative), cts.Token))
        {
            items.Add(item);
            if (items.Count == 3) break;
        }

        Assert.Equal("message", items[0].EventType);
        Assert.Equal("Hello from server", items[0].Data);
        Assert.All(items.Skip(1), i => Assert.Contains(i.EventType, new[] { "score", "tick" }));
        Assert.True(long.Parse(items[2].EventId!, System.Globalization.CultureInfo.InvariantCulture)
            == long.Parse(items[1].EventId!, System.Globalization.CultureInfo.InvariantCulture) + 1);
        using var json = JsonDocument.Parse(items[1].Data);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task Drop_ends_every_open_feed_stream_in_development()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var client = new SseClient(http);
        var reading = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in client.ReadAsync(new Uri("/events", UriKind.Relative), cts.Token)) count++;
            return count;
        });
        await Eventually.HoldsAsync(() => client.Connects == 1, "the stream is open");

        var response = await http.PostAsync(new Uri("/api/feed/drop", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"dropped":1}""", await response.Content.ReadAsStringAsync());
        Assert.True(await Eventually.WithinAsync(reading, "the stream to end") >= 1);
    }
}
