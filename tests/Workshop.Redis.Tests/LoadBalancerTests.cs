using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// End to end: a real nginx with the documented load-balancer block (round robin, no sticky sessions) in front of
/// two playground processes sharing a redis-server of their own. nginx's log proves requests reached both instances.
/// </summary>
public sealed class LoadBalancerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-lb-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task Two_chatters_balanced_onto_different_instances_hear_each_other()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        var chat = new UriBuilder(nginx.BaseAddress) { Scheme = "ws", Path = "/ws/chat" }.Uri;
        await using (var ada = await ChatClient.ConnectAsync(chat))
        await using (var bob = await ChatClient.ConnectAsync(chat))
        {
            await ada.JoinAsync("lobby", "ada");
            Assert.Equal(("joined", "ada", null), await ada.NextAsync());
            await bob.JoinAsync("lobby", "bob");
            var first = await bob.NextAsync();
            // Pub/sub is asynchronous: ada's join may reach bob's instance after bob joined there, and bob hears it.
            if (first == ("joined", "ada", null)) first = await bob.NextAsync();
            Assert.Equal(("joined", "bob", null), first);
            await ada.SayAsync("lobby", "through nginx");
            Assert.Equal("through nginx", await bob.NextSaidAsync());
            Assert.Equal("through nginx", await ada.NextSaidAsync()); // the speaker hears itself too
            await bob.SayAsync("lobby", "and back");
            Assert.Equal("and back", await ada.NextSaidAsync());
        }
        // nginx logs a WebSocket when it closes: the two chatters were served by the two instances.
        await Eventually.HoldsAsync(async () => (await nginx.UpstreamsOfAsync("GET", "/ws/chat")).Count == 2, "nginx logged both chat connections");
        var upstreams = await nginx.UpstreamsOfAsync("GET", "/ws/chat");
        output.WriteLine(string.Join(", ", upstreams));
        Assert.Equal(2, upstreams.Distinct().Count());
    }

    [Fact]
    public async Task A_bin_created_through_the_balancer_captures_on_both_instances_and_lists_everything()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        using var http = new HttpClient { BaseAddress = nginx.BaseAddress };
        using var created = await http.PostAsJsonAsync("/api/bins", new { });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bin = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        for (var i = 1; i <= 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/hooks/{bin}", new StringContent($"capture {i}"))).StatusCode);
        for (var i = 0; i < 2; i++) // a read on each instance
        {
            var listed = await http.GetFromJsonAsync<JsonElement>($"/api/bins/{bin}/requests");
            Assert.Equal(["capture 2", "capture 1"], listed.EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        }

        var captures = await nginx.UpstreamsOfAsync("POST", "/hooks/");
        var reads = await nginx.UpstreamsOfAsync("GET", "/api/bins/");
        output.WriteLine($"captures: {string.Join(", ", captures)}; reads: {string.Join(", ", reads)}");
        Assert.Equal(2, captures.Distinct().Count());
        Assert.Equal(2, reads.Distinct().Count());
    }

    [Fact]
    public async Task Two_players_balanced_onto_different_instances_play_a_whole_game()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        await using (var x = await GameClient.JoinAsync(nginx.BaseAddress, "through-nginx"))
        await using (var o = await GameClient.JoinAsync(nginx.BaseAddress, "through-nginx"))
        {
            Assert.Equal(("X", "O"), (x.Seat, o.Seat));
            await x.MoveAsync(0);
            await o.StateAsync("X--------");
            await o.MoveAsync(0);
            Assert.Equal("cell 0 is taken", await o.ErrorAsync());
            // Each move waits for the other player to see the one before: the players are on different instances.
            foreach (var (player, other, cell, board) in new[] { (o, x, 3, "X--O-----"), (x, o, 1, "XX-O-----"), (o, x, 4, "XX-OO----") })
            {
                await player.MoveAsync(cell);
                await other.StateAsync(board);
            }
            await x.MoveAsync(2);
            foreach (var player in new[] { x, o }) Assert.Equal("X", (await player.StateAsync("XXXOO----", "over")).GetProperty("winner").GetString());
        }
        // nginx logs a WebSocket when it closes: the only two game connections were served by the two instances.
        await Eventually.HoldsAsync(async () => (await nginx.UpstreamsOfAsync("GET", "/ws/game")).Count == 2, "nginx logged both game connections");
        var upstreams = await nginx.UpstreamsOfAsync("GET", "/ws/game");
        output.WriteLine(string.Join(", ", upstreams));
        Assert.Equal(2, upstreams.Distinct().Count());
    }

    [Fact]
    public async Task Two_viewers_of_the_live_feed_on_different_instances_get_each_event_once_with_the_same_ids()
    {
        var fast = new Dictionary<string, string?> { ["LiveFeed__Interval"] = "00:00:00.100" };
        await using var a = await StartAsync(fast);
        await using var b = await StartAsync(fast);
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The second viewer starts from the first one's first event (Last-Event-ID), so both cover the same ids
        // however long each connection takes to open on a loaded machine.
        var started = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = WatchAsync(nginx.BaseAddress, null, 20, id => started.TrySetResult(id), cts.Token);
        var from = await started.Task.WaitAsync(cts.Token);
        var second = WatchAsync(nginx.BaseAddress, from.ToString(System.Globalization.CultureInfo.InvariantCulture), 19, null, cts.Token);
        var (one, two) = (await first, await second);

        // Each viewer saw consecutive ids (one publisher, no event twice, none lost), and both the same events.
        foreach (var seen in new[] { one, two })
            Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => seen[0].Id + i), seen.Select(e => e.Id));
        Assert.Equal(from + 1, two[0].Id);
        Assert.Equal(one.Skip(1), two);
        // Ids come from one shared counter, so two publishers would still number their events one after the other:
        // the match itself shows there is one (each minute follows the one before; two would interleave two matches).
        var minutes = one.Where(e => e.Type == "score").Select(e => System.Text.Json.JsonDocument.Parse(e.Data).RootElement.GetProperty("minute").GetInt32()).ToList();
        Assert.True(minutes.Count >= 2, $"too few score events to tell one publisher from two: {string.Join(", ", one.Select(e => e.Type))}");
        Assert.All(minutes.Zip(minutes.Skip(1)), pair => Assert.Equal(pair.First % 90 + 1, pair.Second));

        await Eventually.HoldsAsync(async () => (await nginx.UpstreamsOfAsync("GET", "/events")).Count == 2, "nginx logged both streams");
        var upstreams = await nginx.UpstreamsOfAsync("GET", "/events");
        output.WriteLine(string.Join(", ", upstreams));
        Assert.Equal(2, upstreams.Distinct().Count());
    }

    private static async Task<List<(long Id, string Type, string Data)>> WatchAsync(Uri balancer, string? lastEventId, int count,
        Action<long>? first, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = balancer };
        var client = new Workshop.Protocols.ServerSentEvents.SseClient(http) { LastEventId = lastEventId };
        var seen = new List<(long, string, string)>();
        await foreach (var item in client.ReadAsync(new Uri("/events", UriKind.Relative), cancellationToken))
        {
            if (!long.TryParse(item.EventId, out var id)) continue; // comments and hints carry no id
            if (seen.Count == 0) first?.Invoke(id);
            seen.Add((id, item.EventType, item.Data));
            if (seen.Count == count) break; // ends the request: nginx logs the stream
        }
        return seen;
    }

    private async Task<ChildProcessHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = _redis.Address,
            ["Redis__KeyPrefix"] = _prefix,
            ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in extra ?? []) environment[key] = value;
        return await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), environment);
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
