using System.Collections.Concurrent;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>A Redis outage on a server of the test's own: reported clearly, local delivery goes on, recovery follows.</summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_Redis_outage_is_reported_as_degraded_local_delivery_continues_and_cross_instance_delivery_recovers()
    {
        await using var redis = await RedisChildServer.StartAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(redis.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(redis.Address, prefix);
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        await ada.NextAsync();
        await using var bob = await ChatClient.ConnectAsync(b.Chat);
        await bob.JoinAsync("lobby", "bob");
        await bob.NextAsync();
        var bobSaw = new ConcurrentQueue<string>();
        var collecting = bob.CollectSaidAsync(bobSaw);
        await ada.SayAsync("lobby", "before");
        await Eventually.HoldsAsync(() => bobSaw.Contains("before"), "B's member hears A's message before the outage");
        Assert.Equal("before", await ada.NextSaidAsync());
        using var live = await b.Feed.SubscribeAsync(null);

        await redis.KillAsync();
        await Eventually.HoldsAsync(async () => (await a.HealthAsync()).Status == "degraded", "A's /health says degraded");
        var report = await a.HealthAsync();
        output.WriteLine($"during the outage /health = {report}");
        Assert.Equal("redis", report.Backplane);
        Assert.Contains("redis unreachable since", report.Reason, StringComparison.Ordinal);
        Assert.Contains(a.Problems, line => line.Contains("Redis backplane unavailable", StringComparison.Ordinal));

        // Local delivery keeps working: A's own member still gets A's messages, and SSE publishing goes on locally.
        await ada.SayAsync("lobby", "during");
        Assert.Equal("during", await ada.NextSaidAsync());
        var local = await a.Feed.PublishAsync(null, "during");
        Assert.True(local.Id > 0);

        await redis.RestartAsync();
        await Eventually.HoldsAsync(async () => (await a.HealthAsync()).Status == "ok" && (await b.HealthAsync()).Status == "ok",
            "both instances report ok again", TimeSpan.FromSeconds(30));
        var attempt = 0;
        await Eventually.HoldsAsync(async () =>
        {
            await ada.SayAsync("lobby", $"after-{++attempt}");
            await a.Feed.PublishAsync(null, "after");
            return bobSaw.Any(t => t.StartsWith("after-", StringComparison.Ordinal)) && live.Events.TryRead(out var e) && e.Data == "after";
        }, "messages cross instances again after Redis returns", TimeSpan.FromSeconds(30));

        output.WriteLine($"recovered after {attempt} attempt(s); B heard: {string.Join(", ", bobSaw)}");
        Assert.DoesNotContain("during", bobSaw); // what was said during the outage stayed on A (documented)
        Assert.Contains(a.Problems, line => line.Contains("Redis backplane unavailable", StringComparison.Ordinal));
        await ada.DisposeAsync();
        await bob.DisposeAsync();
        await collecting;
    }

    [Fact]
    public async Task An_instance_started_while_Redis_is_down_reports_degraded_and_still_serves_its_own_clients()
    {
        var nobody = $"127.0.0.1:{RedisChildServer.FreePort()}"; // nothing listens there
        await using var a = await ScaleOutInstance.StartAsync(nobody, RedisEndpoint.UniquePrefix());
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        await ada.SayAsync("lobby", "alone");
        Assert.Equal("alone", await ada.NextSaidAsync());
        Assert.Equal(1, (await a.Feed.PublishAsync(null, "local")).Id);
        var report = await a.HealthAsync();
        output.WriteLine($"/health = {report}");
        Assert.Equal("degraded", report.Status);
        Assert.Contains(nobody, report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Redis_that_stops_answering_makes_a_publish_fall_back_to_local_delivery_instead_of_failing()
    {
        await using var redis = await RedisChildServer.StartAsync();
        await using var a = await ScaleOutInstance.StartAsync($"{redis.Address},asyncTimeout=300", RedisEndpoint.UniquePrefix());
        var before = await a.Feed.PublishAsync(null, "before");
        using var live = await a.Feed.SubscribeAsync(null);
        // Kept open until the end: closing it sends QUIT, which the pause itself would hold back.
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{redis.Address},allowAdmin=true");
        // Redis is up but answers no one for 5 s: a timeout, which StackExchange.Redis does not report as a RedisException.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "5000", "ALL");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var during = await a.Feed.PublishAsync(null, "during");
        output.WriteLine($"publish took {clock.ElapsedMilliseconds} ms; id {during.Id}; problems: {string.Join(" | ", a.Problems)}");

        Assert.Equal(before.Id + 1, during.Id); // numbered locally, right after the last one this instance knew
        Assert.True(live.Events.TryRead(out var heard));
        Assert.Equal("during", heard.Data);
        Assert.Contains(a.Problems, line => line.Contains("append", StringComparison.Ordinal));
    }
}
