using System.Net;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// Tic-tac-toe across instances with no sticky sessions: two playground processes on a redis-server of their own,
/// players and spectators on either instance (the game is internal to the playground, so it runs as built, and a
/// process can be killed mid-game).
/// </summary>
public sealed class SharedGameTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-game-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task Players_on_two_instances_play_one_game_a_spectator_sees_every_move_and_illegal_moves_change_nothing()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var x = await GameClient.JoinAsync(a.BaseAddress, "g1");
        await using var o = await GameClient.JoinAsync(b.BaseAddress, "g1");
        await using var watcher = await GameClient.JoinAsync(b.BaseAddress, "g1");
        Assert.Equal(("X", "O", "spectator"), (x.Seat, o.Seat, watcher.Seat));
        Assert.NotNull(x.Token);
        Assert.NotEqual(x.Token, o.Token);
        Assert.Null(watcher.Token);
        Assert.Equal("playing", (await x.StatusAsync("playing")).GetProperty("status").GetString());

        await x.MoveAsync(4);
        foreach (var client in new[] { x, o, watcher }) await client.StateAsync("----X----", "playing");
        await x.MoveAsync(0); // out of turn: refused, for X only
        Assert.Equal("it is O's turn", await x.ErrorAsync());
        await o.MoveAsync(4); // a taken cell
        Assert.Equal("cell 4 is taken", await o.ErrorAsync());
        await o.MoveAsync(9);
        Assert.Equal("cell must be 0..8", await o.ErrorAsync());
        await watcher.MoveAsync(0);
        Assert.Equal("spectators cannot move", await watcher.ErrorAsync());
        await o.MoveAsync(0);
        // The next state each one sees is O's legal move: none of the refused ones changed the board.
        foreach (var client in new[] { x, o, watcher }) Assert.Equal("O---X----", (await client.StateAsync("O---X----")).GetProperty("board").GetString());
        Assert.Equal("X", x.State.GetProperty("you").GetString());
        Assert.Equal("spectator", watcher.State.GetProperty("you").GetString());

        // X reloads: its page vanishes from A and comes back through B with its token.
        x.Vanish();
        await o.StateAsync("O---X----", "away");
        await using var back = await GameClient.JoinAsync(b.BaseAddress, "g1", x.Token);
        Assert.Equal("X", back.Seat);
        Assert.Equal(x.Token, back.Token);
        Assert.Equal("O---X----", back.State.GetProperty("board").GetString());
        await o.StatusAsync("playing");
        await back.MoveAsync(1);
        await o.StateAsync("OX--X----");
        await o.MoveAsync(2);
        await back.StateAsync("OXO-X----"); // X moves once it has seen O's move (two connections: no order between them)
        await back.MoveAsync(7); // X wins the middle column
        foreach (var client in new[] { back, o, watcher })
            Assert.Equal("X", (await client.StateAsync("OXO-X--X-", "over")).GetProperty("winner").GetString());
    }

    [Fact]
    public async Task A_goodbye_on_one_instance_ends_the_game_on_the_other_and_a_forged_token_only_watches()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var x = await GameClient.JoinAsync(a.BaseAddress, "g2");
        await using var o = await GameClient.JoinAsync(b.BaseAddress, "g2");
        Assert.Equal("playing", o.State.GetProperty("status").GetString()); // O's arrival completes the table
        await using (var forger = await GameClient.JoinAsync(b.BaseAddress, "g2", new string('0', 32)))
            Assert.Equal("spectator", forger.Seat);
        await x.DisposeAsync(); // close 1000: the Leave button
        var abandoned = await o.StatusAsync("abandoned");
        Assert.Equal("X", abandoned.GetProperty("gone").GetString());
        // The game is over: a newcomer on A watches until O starts the next game, which frees X's seat.
        await using var next = await GameClient.JoinAsync(a.BaseAddress, "g2");
        Assert.Equal("spectator", next.Seat);
        await o.SendAsync("""{"type":"reset"}""");
        await o.StateAsync("---------", "waiting");
        await using var newcomer = await GameClient.JoinAsync(a.BaseAddress, "g2");
        Assert.Equal("X", newcomer.Seat);
    }

    [Fact]
    public async Task The_bounds_hold_across_instances_spectators_games_per_client_and_upgrades_per_window()
    {
        var bounds = new Dictionary<string, string?>
        {
            ["Multiplayer__MaxSpectatorsPerGame"] = "1",
            ["Multiplayer__MaxGamesPerClient"] = "2",
            ["Security__RateLimits__GameUpgrades__PermitLimit"] = "10",
        };
        await using var a = await StartAsync(bounds);
        await using var b = await StartAsync(bounds);
        // Upgrades: 1-4 seat and watch g1 (alternating instances)...
        await using var x = await GameClient.JoinAsync(a.BaseAddress, "g1");
        await using var o = await GameClient.JoinAsync(b.BaseAddress, "g1");
        await using var watcher = await GameClient.JoinAsync(a.BaseAddress, "g1");
        Assert.Equal(HttpStatusCode.Conflict, await GameClient.RefusedAsync(b.BaseAddress, "g1")); // 4: one spectator already, on A
        await using var second = await GameClient.JoinAsync(b.BaseAddress, "g2"); // 5: this client's second game
        Assert.Equal(HttpStatusCode.TooManyRequests, await GameClient.RefusedAsync(a.BaseAddress, "g3")); // 6: a third, on the other instance
        // 7-10 pass the window's limit on neither instance alone (5 upgrades each), but together: the 11th is refused.
        for (var i = 7; i <= 10; i++) Assert.Equal(HttpStatusCode.Conflict, await GameClient.RefusedAsync(i % 2 == 0 ? a.BaseAddress : b.BaseAddress, "g1"));
        var refused = await GameClient.RefusedAsync(b.BaseAddress, "g2"); // B's 5th upgrade, below its own limit of 10
        output.WriteLine($"11th upgrade: {refused}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.Address);
        Assert.Equal(2, await redis.GetDatabase().SortedSetLengthAsync($"{_prefix}games"));
    }

    [Fact]
    public async Task When_an_instance_dies_its_players_are_away_and_rejoin_on_the_survivor_or_the_game_is_abandoned_after_the_grace()
    {
        // Heartbeats every second: a dead instance is noticed within three seconds, then its players get a 4 s grace.
        var quick = new Dictionary<string, string?> { ["Redis__PresenceInterval"] = "00:00:01", ["Multiplayer__ReconnectGrace"] = "00:00:04" };
        var a = await StartAsync(quick);
        await using var b = await StartAsync(quick);
        var x1 = await GameClient.JoinAsync(a.BaseAddress, "rejoined");
        await using var o1 = await GameClient.JoinAsync(b.BaseAddress, "rejoined");
        var x2 = await GameClient.JoinAsync(a.BaseAddress, "given-up");
        await using var o2 = await GameClient.JoinAsync(b.BaseAddress, "given-up");
        await x1.MoveAsync(4);
        await o1.StateAsync("----X----", "playing");

        await a.KillAsync(); // no goodbye, no release: A's places and seats are only let go when its heartbeat expires
        var away = await o1.StatusAsync("away");
        Assert.Equal("X", away.GetProperty("gone").GetString());
        await using var back = await GameClient.JoinAsync(b.BaseAddress, "rejoined", x1.Token);
        Assert.Equal("X", back.Seat);
        Assert.Equal("----X----", back.State.GetProperty("board").GetString());
        await o1.MoveAsync(0);
        await back.StateAsync("O---X----", "playing");

        var abandoned = await o2.StatusAsync("abandoned");
        Assert.Equal("X", abandoned.GetProperty("gone").GetString());
        x1.Vanish();
        x2.Vanish();
        await a.DisposeAsync();
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
