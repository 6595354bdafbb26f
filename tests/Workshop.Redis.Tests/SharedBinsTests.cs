using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// Inspector bins shared through Redis: the built playground run twice as child processes on one redis-server of
/// their own (random port), configured only by environment variables, so the Program.cs wiring is what is tested.
/// </summary>
public sealed class SharedBinsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-bins-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task A_bin_created_through_instance_A_captures_a_POST_sent_to_instance_B_and_A_s_live_view_sees_it()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        var bin = await CreateBinAsync(onA);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/api/bins/{bin}")).StatusCode);

        using var posted = await onB.PostAsync($"/hooks/{bin}/orders?x=1", new StringContent("{\"order\":42}"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        // A's live view from the first event: capture 1 (made on B before it opened) is replayed, then capture 2,
        // sent to B while the stream on A is open, arrives live.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var live = new SseClient(onA) { LastEventId = "0" };
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = Task.Run(async () =>
        {
            await foreach (var item in live.ReadAsync(new Uri($"/api/bins/{bin}/events", UriKind.Relative), cts.Token))
            {
                if (item.EventType != "request") continue;
                if (!first.TrySetResult(item.Data)) return item.Data;
            }
            return null;
        });
        var summary = JsonDocument.Parse(await Eventually.WithinAsync(first.Task, "A's live view gets the capture made on B")).RootElement;
        Assert.Equal(1, summary.GetProperty("id").GetInt64());
        Assert.Equal("POST", summary.GetProperty("method").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onB.PutAsync($"/hooks/{bin}", new StringContent("second"))).StatusCode);
        var next = JsonDocument.Parse((await Eventually.WithinAsync(second, "a capture made on B while A's stream is open arrives live"))!).RootElement;
        Assert.Equal(2, next.GetProperty("id").GetInt64());
        Assert.Equal("PUT", next.GetProperty("method").GetString());

        var onAList = await onA.GetFromJsonAsync<JsonElement>($"/api/bins/{bin}/requests");
        Assert.Equal("{\"order\":42}", onAList[1].GetProperty("body").GetString());
        var one = await onA.GetFromJsonAsync<JsonElement>($"/api/bins/{bin}/requests/1");
        Assert.Equal($"/hooks/{bin}/orders?x=1", one.GetProperty("path").GetString());

        // Deleted through B: gone on A too.
        Assert.Equal(HttpStatusCode.NoContent, (await onB.DeleteAsync($"/api/bins/{bin}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/api/bins/{bin}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.PostAsync($"/hooks/{bin}", new StringContent("late"))).StatusCode);
    }

    [Fact]
    public async Task A_shared_bin_expires_on_every_instance_after_its_idle_time()
    {
        // Redis keys expire in real time: long enough that the capture below lands on a loaded machine (2 s did not,
        // once in CI), short enough for a test.
        await using var a = await StartAsync(("Webhooks__Inspector__IdleExpiry", "00:00:06"));
        await using var b = await StartAsync(("Webhooks__Inspector__IdleExpiry", "00:00:06"));
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        var bin = await CreateBinAsync(onA);
        Assert.Equal(HttpStatusCode.OK, (await onB.PostAsync($"/hooks/{bin}", new StringContent("kept a while"))).StatusCode);

        // Watched in Redis, not through the API: every read of the bin is activity and would keep it alive.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Address);
        var keys = new RedisKey[] { $"{_prefix}bins:bin:{bin}", $"{_prefix}bins:bin:{bin}:captures" };
        Assert.True(await redis.GetDatabase().KeyExistsAsync(keys) == 2, "the bin and its capture are in Redis");
        await Eventually.HoldsAsync(async () => await redis.GetDatabase().KeyExistsAsync(keys) == 0, "the bin's keys expire", TimeSpan.FromSeconds(40));

        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/api/bins/{bin}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await onB.PostAsync($"/hooks/{bin}", new StringContent("too late"))).StatusCode);
    }

    [Fact]
    public async Task The_bounds_hold_across_instances_bins_per_creator_and_captures_per_bin()
    {
        (string, string)[] limits = [("Webhooks__Inspector__MaxBinsPerCreator", "2"), ("Webhooks__Inspector__MaxCapturesPerBin", "3")];
        await using var a = await StartAsync(limits);
        await using var b = await StartAsync(limits);
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        var first = await CreateBinAsync(onA);
        var second = await CreateBinAsync(onA);
        for (var i = 1; i <= 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? onA : onB).PostAsync($"/hooks/{second}", new StringContent($"n{i}"))).StatusCode);
        var kept = await onA.GetFromJsonAsync<JsonElement>($"/api/bins/{second}/requests");
        Assert.Equal([5L, 4L, 3L], kept.EnumerateArray().Select(c => c.GetProperty("id").GetInt64()));

        // The same creator (this loopback client) creates a third bin through B: its least recently used one goes, everywhere.
        var third = await CreateBinAsync(onB);
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/api/bins/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync($"/api/bins/{second}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync($"/api/bins/{third}")).StatusCode);
    }

    [Fact]
    public async Task While_Redis_is_down_the_inspector_answers_503_with_a_reason_and_serves_bins_again_once_it_is_back()
    {
        await using var a = await StartAsync();
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        var bin = await CreateBinAsync(onA);
        await _redis.KillAsync();

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => onA.PostAsJsonAsync("/api/bins", new { }),
            () => onA.PostAsync($"/hooks/{bin}", new StringContent("during the outage")),
            () => onA.GetAsync($"/api/bins/{bin}/events"),
        })
        {
            using var answer = await request();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.Equal("inspector-unavailable", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }

        await _redis.RestartAsync(); // empty: the bin made before the outage is gone, as after an expiry
        await Eventually.HoldsAsync(async () => (await onA.PostAsJsonAsync("/api/bins", new { })).StatusCode == HttpStatusCode.Created, "bins are created again");
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync($"/api/bins/{bin}")).StatusCode);
    }

    private async Task<ChildProcessHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = _redis.Address,
            ["Redis__KeyPrefix"] = _prefix,
            ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings) environment[key] = value;
        var host = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
        output.WriteLine($"playground at {host.BaseAddress}");
        return host;
    }

    private static async Task<string> CreateBinAsync(HttpClient http)
    {
        using var created = await http.PostAsJsonAsync("/api/bins", new { });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
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
