using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workshop.Protocols.Redis;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>A subscription refused while the connection stays up (no "restored" event will ever come) is still retried.</summary>
public sealed class SubscriptionRetryTests
{
    [Fact]
    public async Task A_subscription_that_times_out_while_connected_is_retried_and_then_receives_messages()
    {
        await using var redis = await RedisChildServer.StartAsync();
        await using var connection = new RedisBackplaneConnection(
            Options.Create(new RedisBackplaneOptions { Configuration = $"{redis.Address},asyncTimeout=300", KeyPrefix = RedisEndpoint.UniquePrefix() }),
            TimeProvider.System, NullLogger<RedisBackplaneConnection>.Instance);
        await connection.ConnectedAsync(CancellationToken.None);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Address},allowAdmin=true");
        var channel = RedisChannel.Literal($"retry-{Guid.NewGuid():N}");

        // Redis answers no one for a while: the SUBSCRIBE times out, the connection itself is never lost.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "1500", "ALL");
        var heard = 0;
        using var subscription = connection.Subscribe(channel, _ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        await Eventually.HoldsAsync(async () =>
        {
            await admin.GetSubscriber().PublishAsync(channel, "ping");
            return Volatile.Read(ref heard) > 0;
        }, "the refused subscription is made once Redis answers again", TimeSpan.FromSeconds(15));
        Assert.True(connection.IsConnected);
    }
}
