using System.Net.Http.Json;
using StackExchange.Redis;
using Workshop.Protocols.Redis;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// What a Redis blip or restart does to a shared game, and how the instance's sweep (every presence interval, one
/// second here) repairs it: a release that never reached Redis, a state message pub/sub lost, a game Redis forgot.
/// </summary>
public sealed class GameRepairTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-repair-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();

    [Fact]
    public async Task A_release_lost_while_Redis_was_away_is_retried_so_the_vanished_player_is_away_once_Redis_is_back()
    {
        await using var redis = await RedisChildServer.StartAsync(persistent: true);
        await using var a = await StartAsync(redis);
        await using var x = await GameClient.JoinAsync(a.BaseAddress, "blip");
        await using var o = await GameClient.JoinAsync(a.BaseAddress, "blip");
        await x.MoveAsync(4);
        await o.StateAsync("----X----", "playing");
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Address},allowAdmin=true"))
            await admin.GetDatabase().ExecuteAsync("SAVE"); // the game, both seats held (a blip of a persistent Redis keeps them)

        await redis.KillAsync();
        await HealthAsync(a, "degraded");
        x.Vanish(); // its release fails: Redis is away
        await Eventually.HoldsAsync(() => a.Output.Contains("did not reach Redis", StringComparison.Ordinal), "A tried to release X's seat");
        await redis.RestartAsync(); // with the saved game: X's seat still held by its dead connection

        var away = await o.StatusAsync("away");
        Assert.Equal("X", away.GetProperty("gone").GetString());
        await using var back = await GameClient.JoinAsync(a.BaseAddress, "blip", x.Token);
        Assert.Equal("X", back.Seat);
        await o.StatusAsync("playing");
    }

    [Fact]
    public async Task A_state_message_pub_sub_lost_reaches_the_players_at_the_next_sweep()
    {
        await using var redis = await RedisChildServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var x = await GameClient.JoinAsync(a.BaseAddress, "missed");
        await using var o = await GameClient.JoinAsync(a.BaseAddress, "missed");
        await x.MoveAsync(4);
        await o.StateAsync("----X----", "playing");

        // O's move, as the script makes it, but its message never arrives (as in a blip of the subscription).
        await using (var direct = await ConnectionMultiplexer.ConnectAsync(redis.Address))
        {
            var game = direct.GetDatabase();
            await game.HashSetAsync($"{_prefix}game:missed", [new("b", "O---X----"), new("t", "X")]);
            await game.HashIncrementAsync($"{_prefix}game:missed", "v");
        }
        foreach (var client in new[] { x, o }) await client.StateAsync("O---X----", "playing");
        await x.MoveAsync(8); // and the game goes on from there
        await o.StateAsync("O---X---X");
    }

    [Fact]
    public async Task After_Redis_restarts_empty_the_players_are_closed_with_1012_and_the_new_game_counts_versions_above_the_lost_one()
    {
        await using var redis = await RedisChildServer.StartAsync();
        await using var a = await StartAsync(redis);
        await using var x = await GameClient.JoinAsync(a.BaseAddress, "lost");
        await using var o = await GameClient.JoinAsync(a.BaseAddress, "lost");
        await x.MoveAsync(4);
        await o.StateAsync("----X----", "playing");
        var before = await VersionAsync(redis, "lost");

        await redis.KillAsync();
        await redis.RestartAsync(); // empty: the game is gone
        foreach (var client in new[] { x, o })
        {
            var (status, reason) = await client.ClosedAsync();
            output.WriteLine($"closed: {status} {reason}");
            Assert.Equal(1012, status);
            Assert.Contains("reconnect", reason, StringComparison.Ordinal);
        }
        await HealthAsync(a, "ok");
        await using var fresh = await GameClient.JoinAsync(a.BaseAddress, "lost");
        Assert.Equal("X", fresh.Seat);
        Assert.Equal("---------", fresh.State.GetProperty("board").GetString());
        var after = await VersionAsync(redis, "lost");
        output.WriteLine($"version before the restart {before}, after {after}");
        Assert.True(after > before, $"the new game's version {after} must be above the lost one's {before}");
    }

    private async Task<long> VersionAsync(RedisChildServer redis, string game)
    {
        await using var direct = await ConnectionMultiplexer.ConnectAsync(redis.Address);
        return (long)await direct.GetDatabase().HashGetAsync($"{_prefix}game:{game}", "v");
    }

    private static async Task HealthAsync(ChildProcessHost app, string status)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await Eventually.HoldsAsync(async () => (await http.GetFromJsonAsync<BackplaneHealthReport>("/health"))?.Status == status,
            $"/health says {status}", TimeSpan.FromSeconds(30));
    }

    private Task<ChildProcessHost> StartAsync(RedisChildServer redis) => ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"),
        new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = redis.Address,
            ["Redis__KeyPrefix"] = _prefix,
            ["Redis__PresenceInterval"] = "00:00:01",
            ["Multiplayer__ReconnectGrace"] = "00:01:00",
            ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
        });

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
