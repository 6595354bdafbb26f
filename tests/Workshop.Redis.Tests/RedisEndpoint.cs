using StackExchange.Redis;

namespace Workshop.Redis.Tests;

/// <summary>
/// The shared Redis server for the tests: <c>WORKSHOP_REDIS</c> (default 127.0.0.1:6379), started by
/// <c>scripts/ensure-redis.sh</c>. A missing server is a failure with a clear message, never a skip.
/// </summary>
internal static class RedisEndpoint
{
    public static string Address => Environment.GetEnvironmentVariable("WORKSHOP_REDIS") is { Length: > 0 } value ? value : "127.0.0.1:6379";

    /// <summary>A key prefix no other run (or test) uses, so runs never collide on a shared server.</summary>
    public static string UniquePrefix() => $"workshop-test:{Guid.NewGuid():N}:";

    /// <summary>Fails the test with a clear message when nothing answers PING at <see cref="Address"/>.</summary>
    public static async Task RequireAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Address);
            options.ConnectTimeout = 3000;
            options.AbortOnConnectFail = true;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
        }
        catch (RedisConnectionException e)
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            var hint = ci
                ? "CI=true: the Redis scale-out tests need a real redis-server and must not be skipped; .ci/run starts one with scripts/ensure-redis.sh"
                : "run scripts/ensure-redis.sh (installs and starts redis-server on 127.0.0.1:6379) or set WORKSHOP_REDIS=host:port";
            Assert.Fail($"No Redis server answers at {Address}: {e.Message}\n{hint}.");
        }
    }
}
