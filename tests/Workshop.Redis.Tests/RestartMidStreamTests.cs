using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>Redis stopped and started again while SSE streams are open on real Kestrel instances.</summary>
public sealed class RestartMidStreamTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_open_SSE_stream_survives_a_Redis_restart_without_a_gap_and_resumes_on_the_other_instance_from_the_replay_window()
    {
        await using var redis = await RedisChildServer.StartAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(redis.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(redis.Address, prefix);
        for (var i = 1; i <= 5; i++) await a.Feed.PublishAsync("n", $"before-{i}");

        // A client on B, streaming over HTTP all along.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var onB = new SseClient(b.Http) { LastEventId = "0" };
        var seenOnB = new ConcurrentQueue<SseItem<string>>();
        var streaming = Task.Run(async () =>
        {
            await foreach (var item in onB.FollowAsync(new Uri("/events", UriKind.Relative), cts.Token)) seenOnB.Enqueue(item);
        }, CancellationToken.None);
        await Eventually.HoldsAsync(() => seenOnB.Count(e => e.EventType == "n") == 5, "B's stream replays the first five events");

        await redis.KillAsync();
        await Eventually.HoldsAsync(async () => (await b.HealthAsync()).Status == "degraded", "B reports degraded while Redis is away");
        await redis.RestartAsync(); // empty: no persistence
        await Eventually.HoldsAsync(async () => (await a.HealthAsync()).Status == "ok" && (await b.HealthAsync()).Status == "ok",
            "both instances report ok again", TimeSpan.FromSeconds(30));

        // Until B's channel subscription is back, A's events reach Redis but not B's stream; the first one heard
        // there makes B read the ones it missed from the stream.
        var attempt = 0;
        await Eventually.HoldsAsync(async () =>
        {
            await a.Feed.PublishAsync("n", $"after-{++attempt}");
            return seenOnB.Any(e => e.Data.StartsWith("after-", StringComparison.Ordinal));
        }, "A's events reach the open stream on B again", TimeSpan.FromSeconds(30));
        await a.Feed.PublishAsync("n", "last");
        await Eventually.HoldsAsync(() => seenOnB.Any(e => e.Data == "last"), "the last event reaches B");

        var events = seenOnB.Where(e => e.EventType == "n").ToList();
        output.WriteLine($"B's stream: {string.Join(", ", events.Select(e => $"{e.EventId}:{e.Data}"))} after {attempt} attempt(s), {onB.Reconnects} reconnect(s)");
        var ids = events.Select(e => long.Parse(e.EventId!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids); // increasing by one: nothing lost, nothing twice
        Assert.Equal([.. Enumerable.Range(1, attempt).Select(i => $"after-{i}"), "last"], events.Skip(5).Select(e => e.Data));

        // The client moves to A (a load balancer's choice) and resumes from the replay window there.
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => streaming);
        using var resumeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var onA = new SseClient(a.Http) { LastEventId = (ids[^1] - 3).ToString(CultureInfo.InvariantCulture) };
        var resumed = new List<string>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in onA.ReadAsync(new Uri("/events", UriKind.Relative), resumeTimeout.Token))
            {
                if (item.EventType != "n") continue;
                resumed.Add(item.Data);
                if (item.Data == "from-b") return;
            }
        }, CancellationToken.None);
        await b.Feed.PublishAsync("n", "from-b");
        await Eventually.WithinAsync(reading, "the resumed client on A to get B's next event");
        Assert.Equal([.. events.TakeLast(3).Select(e => e.Data), "from-b"], resumed);
    }
}
