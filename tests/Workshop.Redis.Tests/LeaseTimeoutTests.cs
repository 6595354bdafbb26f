using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workshop.Protocols.Redis;

namespace Workshop.Redis.Tests;

/// <summary>A lease renewal that times out (Redis slow, not gone) must not hand the lease to a second instance.</summary>
public sealed class LeaseTimeoutTests
{
    [Fact]
    public async Task A_lease_request_that_times_out_answers_true_only_for_the_instance_whose_lease_has_not_expired()
    {
        await using var redis = await RedisChildServer.StartAsync();
        var prefix = RedisEndpoint.UniquePrefix();
        await using var first = await ConnectAsync($"{redis.Address},asyncTimeout=300", prefix);
        await using var second = await ConnectAsync($"{redis.Address},asyncTimeout=300", prefix);
        var a = new RedisInstanceLease(first, TimeProvider.System, NullLogger<RedisInstanceLease>.Instance);
        var b = new RedisInstanceLease(second, TimeProvider.System, NullLogger<RedisInstanceLease>.Instance);
        Assert.True(await a.TryHoldAsync("feed", TimeSpan.FromMinutes(1), CancellationToken.None));

        // Kept open until the end: closing it sends QUIT, which the pause itself would hold back.
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Address},allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");

        // Both requests time out: B never held the lease, so it must not publish beside A.
        Assert.False(await b.TryHoldAsync("feed", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(first.IsConnected); // a timeout, not an outage (during an outage every instance answers true)
        Assert.True(await a.TryHoldAsync("feed", TimeSpan.FromMinutes(1), CancellationToken.None)); // A's lease still runs
    }

    private static async Task<RedisBackplaneConnection> ConnectAsync(string configuration, string prefix)
    {
        var connection = new RedisBackplaneConnection(
            Options.Create(new RedisBackplaneOptions { Configuration = configuration, KeyPrefix = prefix }),
            TimeProvider.System, NullLogger<RedisBackplaneConnection>.Instance);
        await connection.ConnectedAsync(CancellationToken.None);
        return connection;
    }
}
