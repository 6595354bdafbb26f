using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Redis;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>The Redis lease behind the one live-feed publisher: one holder at a time, taken over when it stops renewing.</summary>
public sealed class LeaseTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-lease-").FullName;

    [Fact]
    public async Task Only_one_instance_holds_a_lease_and_another_takes_it_when_the_holder_stops_renewing()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var first = await ConnectAsync(prefix);
        await using var second = await ConnectAsync(prefix);
        var a = new RedisInstanceLease(first, TimeProvider.System, NullLogger<RedisInstanceLease>.Instance);
        var b = new RedisInstanceLease(second, TimeProvider.System, NullLogger<RedisInstanceLease>.Instance);
        // Long enough that the next two calls come before it ends on a loaded machine (400 ms did not, once in CI).
        var duration = TimeSpan.FromSeconds(3);

        Assert.True(await a.TryHoldAsync("feed", duration, CancellationToken.None));
        Assert.False(await b.TryHoldAsync("feed", duration, CancellationToken.None));
        Assert.True(await a.TryHoldAsync("feed", duration, CancellationToken.None)); // renewed by its holder
        Assert.True(await b.TryHoldAsync("other", duration, CancellationToken.None)); // leases are per name

        // A dies (stops renewing): B gets it once it expired, and A no longer does.
        await Eventually.HoldsAsync(async () => await b.TryHoldAsync("feed", duration, CancellationToken.None), "B takes the expired lease");
        Assert.False(await a.TryHoldAsync("feed", duration, CancellationToken.None));

        // Released on a graceful stop: the other takes it at once.
        await b.ReleaseAsync("feed");
        Assert.True(await a.TryHoldAsync("feed", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Two_playground_processes_publish_one_live_feed_and_the_survivor_takes_over_when_the_publisher_is_killed()
    {
        await RedisEndpoint.RequireAsync();
        var environment = new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = RedisEndpoint.Address,
            ["Redis__KeyPrefix"] = RedisEndpoint.UniquePrefix(),
            ["LiveFeed__Interval"] = "00:00:00.200",
        };
        await using var a = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), With(environment));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        var minutesOnA = new ConcurrentQueue<int>();
        _ = Collect(onA, minutesOnA, cts.Token);
        await Eventually.HoldsAsync(() => minutesOnA.Count >= 3, "A publishes the feed");
        await using var b = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), With(environment));
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        var minutesOnB = new ConcurrentQueue<int>();
        _ = Collect(onB, minutesOnB, cts.Token);

        await Eventually.HoldsAsync(() => minutesOnB.Count >= 10, "B's clients get the feed", TimeSpan.FromSeconds(30));
        var shared = minutesOnB.Take(10).ToList();
        output.WriteLine($"minutes on B while A publishes: {string.Join(", ", shared)}");
        // One publisher: each minute once, one after the other (two publishers would interleave two matches).
        Assert.All(shared.Zip(shared.Skip(1)), pair => Assert.Equal(pair.First % 90 + 1, pair.Second));

        await a.KillAsync();
        var before = minutesOnB.Count;
        await Eventually.HoldsAsync(() => minutesOnB.Count >= before + 5, "B takes the feed over after A was killed", TimeSpan.FromSeconds(30));
        output.WriteLine($"minutes on B after the kill: {string.Join(", ", minutesOnB.Skip(before))}");
        // The match goes on where A left it: B's own match would restart at minute 1.
        var all = minutesOnB.Take(before + 5).ToList();
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.Equal(pair.First % 90 + 1, pair.Second));
    }

    private Dictionary<string, string?> With(Dictionary<string, string?> environment)
        => new(environment) { ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")) };

    private static Task Collect(HttpClient http, ConcurrentQueue<int> minutes, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            var client = new SseClient(http) { RetryInterval = TimeSpan.FromMilliseconds(100) };
            await foreach (SseItem<string> item in client.FollowAsync(new Uri("/events", UriKind.Relative), cancellationToken))
                if (item.EventType == "score") minutes.Enqueue(JsonDocument.Parse(item.Data).RootElement.GetProperty("minute").GetInt32());
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            // Cancelled at the end, or the instance was killed.
        }
    }, CancellationToken.None);

    private static async Task<RedisBackplaneConnection> ConnectAsync(string prefix)
    {
        var connection = new RedisBackplaneConnection(
            Options.Create(new RedisBackplaneOptions { Configuration = RedisEndpoint.Address, KeyPrefix = prefix }),
            TimeProvider.System, NullLogger<RedisBackplaneConnection>.Instance);
        await connection.ConnectedAsync(CancellationToken.None);
        return connection;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the OS cleans the temp folder later.
        }
    }
}
