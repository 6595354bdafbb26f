using StackExchange.Redis;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>A departure whose delete did not reach Redis (during an outage) is still removed once Redis is back.</summary>
public sealed class StalePresenceTests
{
    [Fact]
    public async Task A_member_who_left_during_a_Redis_outage_is_no_longer_listed_once_Redis_is_back()
    {
        await using var redis = await RedisChildServer.StartAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        // Heartbeats live six seconds: longer than the outage, so no instance is taken for dead meanwhile.
        await using var a = await ScaleOutInstance.StartAsync($"{redis.Address}", prefix, presenceInterval: "00:00:02");
        await using var b = await ScaleOutInstance.StartAsync($"{redis.Address}", prefix, presenceInterval: "00:00:02");
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        Assert.Equal(("joined", "ada", null), await ada.NextAsync());
        // Bob on B keeps the room's hash alive (each instance renews its expiry), as a busy room would.
        await using var bob = await ChatClient.ConnectAsync(b.Chat);
        await bob.JoinAsync("lobby", "bob");
        Assert.Equal(("joined", "bob", null), await bob.NextAsync());
        Assert.Equal(["ada", "bob"], bob.LastMembers);

        // Both instances lose Redis while its data stays: their connections are dropped and a password keeps them out.
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Address},allowAdmin=true");
        var server = admin.GetDatabase();
        await server.ExecuteAsync("CONFIG", "SET", "requirepass", "locked-out");
        await server.ExecuteAsync("CLIENT", "KILL", "USER", "default", "SKIPME", "yes");
        await Eventually.HoldsAsync(async () => (await a.HealthAsync()).Status == "degraded", "A sees the outage");
        await ada.LeaveAsync("lobby"); // A cannot delete its field now
        while ((await ada.NextAsync()) is not ("left", "ada", _)) { }
        await server.ExecuteAsync("CONFIG", "SET", "requirepass", "");

        var db = admin.GetDatabase();
        await Eventually.HoldsAsync(async () =>
        {
            var fields = await db.HashValuesAsync($"{prefix}presence:chat:lobby");
            return fields.Length > 0 && fields.All(f => !f.ToString().Contains("ada", StringComparison.Ordinal));
        }, "A's stale field is deleted once Redis is back");
    }
}
