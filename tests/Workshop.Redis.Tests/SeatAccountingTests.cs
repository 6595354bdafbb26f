using System.Net;
using StackExchange.Redis;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>
/// Places in a shared game follow the seats: a connection that loses its seat while it stays connected counts as a
/// spectator from then on, so the spectators' cap and a newcomer's free seat are counted from what each connection is.
/// </summary>
public sealed class SeatAccountingTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-seats-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;
    private ConnectionMultiplexer _direct = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisChildServer.StartAsync();
        _direct = await ConnectionMultiplexer.ConnectAsync(_redis.Address);
    }

    [Fact]
    public async Task Players_and_spectators_joining_and_leaving_in_any_order_are_counted_as_what_they_are_when_a_seat_changes_hands()
    {
        await using var a = await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = _redis.Address,
            ["Redis__KeyPrefix"] = _prefix,
            ["Redis__PresenceInterval"] = "00:00:01",
            ["Multiplayer__ReconnectGrace"] = "00:00:02",
            ["Multiplayer__MaxSpectatorsPerGame"] = "1",
            ["Workshop__DataDirectory"] = Path.Combine(_data, "a"),
        });
        var x = await GameClient.JoinAsync(a.BaseAddress, "g");
        await using var o = await GameClient.JoinAsync(a.BaseAddress, "g");
        var watcher = await GameClient.JoinAsync(a.BaseAddress, "g");
        Assert.Equal(("X", "O", "spectator"), (x.Seat, o.Seat, watcher.Seat));
        await PlacesAsync(2, 1);
        Assert.Equal(HttpStatusCode.Conflict, await GameClient.RefusedAsync(a.BaseAddress, "g")); // the one spectator's place is taken

        await watcher.DisposeAsync();
        await PlacesAsync(2, 0);
        var stranger = await GameClient.JoinAsync(a.BaseAddress, "g");
        Assert.Equal("spectator", stranger.Seat);
        await PlacesAsync(2, 1);

        // X opens a second tab with its token: the seat moves there, the first tab watches (one over the cap while it stays).
        var secondTab = await GameClient.JoinAsync(a.BaseAddress, "g", x.Token);
        Assert.Equal("X", secondTab.Seat);
        while ((await x.NextAsync()) is var next && (next.GetProperty("type").GetString() != "state" || next.GetProperty("you").GetString() != "spectator")) { }
        await PlacesAsync(2, 2);
        await x.DisposeAsync();
        await PlacesAsync(2, 1);

        // X vanishes past its grace (abandoned: its seat is freed), O starts the next game, and the places follow.
        secondTab.Vanish();
        await o.StatusAsync("abandoned");
        await PlacesAsync(1, 1);
        await o.SendAsync("""{"type":"reset"}""");
        await o.StateAsync("---------", "waiting");
        await stranger.DisposeAsync();
        await PlacesAsync(1, 0);
        await using var newcomer = await GameClient.JoinAsync(a.BaseAddress, "g");
        Assert.Equal("X", newcomer.Seat);
        await PlacesAsync(2, 0);
        await using var last = await GameClient.JoinAsync(a.BaseAddress, "g");
        Assert.Equal("spectator", last.Seat);
        await PlacesAsync(2, 1);
        await secondTab.DisposeAsync();
    }

    /// <summary>Waits until the game's places in Redis are <paramref name="players"/> players' and <paramref name="spectators"/> spectators'.</summary>
    private async Task PlacesAsync(int players, int spectators)
    {
        var seen = (0, 0);
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                var kinds = await _direct.GetDatabase().HashValuesAsync($"{_prefix}game:g:places");
                seen = (kinds.Count(k => k == "p"), kinds.Count(k => k == "s"));
                return seen == (players, spectators);
            }, $"the game holds {players} player and {spectators} spectator places");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (it holds {seen.Item1} and {seen.Item2})", e);
        }
    }

    public async Task DisposeAsync()
    {
        await _direct.DisposeAsync();
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
