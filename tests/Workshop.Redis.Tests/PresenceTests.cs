using StackExchange.Redis;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>Chat presence across two instances sharing one Redis: who is in a room, and forgetting dead instances.</summary>
public sealed class PresenceTests
{
    [Fact]
    public async Task A_joiner_on_instance_B_is_told_the_members_of_the_room_on_instance_A_too()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var b = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        Assert.Equal(("joined", "ada", null), await ada.NextAsync());
        Assert.Equal(["ada"], ada.LastMembers);
        await using var bob = await ChatClient.ConnectAsync(b.Chat);
        await bob.JoinAsync("lobby", "bob");

        Assert.Equal(("joined", "bob", null), await bob.NextAsync());
        Assert.Equal(["ada", "bob"], bob.LastMembers);

        // Ada leaves: the next joiner on B no longer hears of her.
        await ada.DisposeAsync();
        await using var cy = await ChatClient.ConnectAsync(b.Chat);
        await Eventually.HoldsAsync(async () =>
        {
            await cy.JoinAsync("lobby", "cy");
            while ((await cy.NextAsync()) is not ("joined", "cy", _)) { }
            var members = cy.LastMembers;
            await cy.LeaveAsync("lobby");
            while ((await cy.NextAsync()) is not ("left", "cy", _)) { }
            return members is ["bob", "cy"];
        }, "ada's departure reaches B's presence");
    }

    [Fact]
    public async Task The_members_of_an_instance_that_stopped_renewing_its_heartbeat_are_no_longer_listed()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix);
        // Another instance, alive for now: its presence entry and its heartbeat key, written as an instance writes them.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisEndpoint.Address);
        var db = redis.GetDatabase();
        await db.HashSetAsync($"{prefix}presence:chat:lobby", "deadbeef", "[\"ghost\"]");
        await db.StringSetAsync($"{prefix}instance:deadbeef", "1", TimeSpan.FromMinutes(1));

        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        await ada.NextAsync();
        Assert.Equal(["ada", "ghost"], ada.LastMembers); // alive: listed

        // It dies: nobody renews its heartbeat, which expires (shortened here instead of waiting three intervals).
        await db.KeyExpireAsync($"{prefix}instance:deadbeef", TimeSpan.FromMilliseconds(50));
        await Eventually.HoldsAsync(async () => !await db.KeyExistsAsync($"{prefix}instance:deadbeef"), "the dead instance's heartbeat expires");
        await using var bob = await ChatClient.ConnectAsync(a.Chat);
        await bob.JoinAsync("lobby", "bob");
        await bob.NextAsync();
        Assert.Equal(["ada", "bob"], bob.LastMembers);
        Assert.False(await db.HashExistsAsync($"{prefix}presence:chat:lobby", "deadbeef")); // and cleaned up
    }

    [Fact]
    public async Task A_live_instance_keeps_its_members_listed_by_renewing_its_heartbeat()
    {
        await RedisEndpoint.RequireAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var a = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix, presenceInterval: "00:00:00.200");
        await using var b = await ScaleOutInstance.StartAsync(RedisEndpoint.Address, prefix, presenceInterval: "00:00:00.200");
        await using var ada = await ChatClient.ConnectAsync(a.Chat);
        await ada.JoinAsync("lobby", "ada");
        await ada.NextAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisEndpoint.Address);
        RedisKey? heartbeat = null;
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: $"{prefix}instance:*")) heartbeat ??= key;
        var db = redis.GetDatabase();
        Assert.InRange((await db.KeyTimeToLiveAsync(heartbeat!.Value))!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(600)); // three intervals

        // Five renewals seen (the time to live goes back up) is longer than the 600 ms a heartbeat lives unrenewed.
        var renewals = 0;
        var last = TimeSpan.MaxValue;
        await Eventually.HoldsAsync(async () =>
        {
            var ttl = await db.KeyTimeToLiveAsync(heartbeat.Value) ?? TimeSpan.Zero;
            if (ttl > last) renewals++;
            last = ttl;
            return renewals >= 5;
        }, "the heartbeat is renewed five times");
        await using var bob = await ChatClient.ConnectAsync(b.Chat);
        await bob.JoinAsync("lobby", "bob");
        await bob.NextAsync();
        Assert.Equal(["ada", "bob"], bob.LastMembers);
    }
}
