using System.Net.ServerSentEvents;
using Workshop.Protocols.ServerSentEvents;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>Two real Kestrel instances sharing the Redis server from <c>WORKSHOP_REDIS</c>.</summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_chat_message_said_on_instance_A_reaches_the_room_on_instance_B_exactly_once()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        Assert.Equal(("joined", "ada", null), await ada.NextAsync());
        await using var bob = await ChatClient.ConnectAsync(b.Chat);
        await bob.JoinAsync("lobby", "bob");
        Assert.Equal(("joined", "bob", null), await bob.NextAsync());
        Assert.Equal(("joined", "bob", null), await ada.NextAsync()); // B's join crossed to A

        await ada.SayAsync("lobby", "hello from A");
        Assert.Equal("hello from A", await bob.NextSaidAsync());
        Assert.Equal("hello from A", await ada.NextSaidAsync());
        await bob.SayAsync("lobby", "hello from B");
        // No double delivery: the next said each one sees is B's message, not a second copy of A's.
        Assert.Equal("hello from B", await ada.NextSaidAsync());
        Assert.Equal("hello from B", await bob.NextSaidAsync());
        Assert.Equal("ok", (await a.HealthAsync()).Status);
        Assert.Equal("redis", (await a.HealthAsync()).Backplane);
    }

    [Fact]
    public async Task An_SSE_client_that_resumes_on_the_other_instance_with_Last_Event_ID_loses_nothing()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        var published = new List<long>();
        for (var i = 1; i <= 30; i++) published.Add((await (i % 3 == 0 ? b : a).Feed.PublishAsync("n", $"e{i}")).Id);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), published); // one id sequence across instances

        var client = new SseClient(a.Http) { LastEventId = "0" }; // from the first event
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var item in client.ReadAsync(new Uri("/events", UriKind.Relative), cts.Token))
            if (item.EventId == "20") break; // the connection to A goes away after id 20

        var resumed = new SseClient(b.Http) { LastEventId = client.LastEventId };
        var seen = new List<SseItem<string>>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in resumed.ReadAsync(new Uri("/events", UriKind.Relative), cts.Token))
            {
                seen.Add(item);
                if (item.EventId == "40") return;
            }
        });
        for (var i = 31; i <= 40; i++) await (i % 2 == 0 ? b : a).Feed.PublishAsync("n", $"e{i}");
        await Workshop.Testing.Eventually.WithinAsync(reading, "the resumed client on B to reach id 40");

        output.WriteLine($"resumed on B after id {client.LastEventId}: received {seen.Count} events ({seen[0].EventId}..{seen[^1].EventId})");
        Assert.Equal(Enumerable.Range(21, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), seen.Select(s => s.EventId));
        Assert.Equal(Enumerable.Range(21, 20).Select(i => $"e{i}"), seen.Select(s => s.Data));
    }

    [Fact]
    public async Task Ids_keep_increasing_when_Redis_comes_back_without_its_data()
    {
        await using var redis = await RedisChildServer.StartAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(redis.Address, prefix);
        for (var i = 0; i < 5; i++) await a.Feed.PublishAsync(null, "before");
        await redis.KillAsync();
        await redis.RestartAsync(); // no persistence: the counter and the stream are gone
        await Workshop.Testing.Eventually.HoldsAsync(async () => (await a.HealthAsync()).Status == "ok", "A reconnects");
        var next = await a.Feed.PublishAsync(null, "after");
        Assert.True(next.Id > 5, $"id {next.Id} repeats an id clients already hold");
    }

    [Fact]
    public async Task A_removed_topic_stops_following_the_other_instances()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        var removed = a.Topics.Get("bin");
        Assert.True(a.Topics.Remove("bin"));
        var fresh = a.Topics.Get("bin");
        var sender = b.Topics.Get("bin");
        var last = (await sender.PublishAsync(null, "one")).Id;
        var sentAt = DateTime.UtcNow;
        await Workshop.Testing.Eventually.HoldsAsync(async () =>
        {
            if (fresh.LastEventId >= last) return true;
            // A's new topic subscribes to Redis in the background (Get returns at once): an event B published before
            // that subscription was made is not pushed to it, so B publishes again until one is.
            if (DateTime.UtcNow - sentAt > TimeSpan.FromMilliseconds(500)) (last, sentAt) = ((await sender.PublishAsync(null, "again")).Id, DateTime.UtcNow);
            return false;
        }, "the new topic on A follows B");
        Assert.Equal(0, removed.LastEventId); // its Redis subscription ended with Remove
    }
}
