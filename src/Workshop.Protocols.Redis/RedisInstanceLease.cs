using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workshop.Protocols.Scaling;

namespace Workshop.Protocols.Redis;

/// <summary>
/// A lease in Redis: the key <c>{prefix}lease:{name}</c> holds the holder's instance id and expires after the
/// duration; one script takes it when free or renews it when held, so two instances never both get true.
/// </summary>
public sealed class RedisInstanceLease(RedisBackplaneConnection redis, ILogger<RedisInstanceLease> logger) : IInstanceLease
{
    private const string HoldScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false or holder == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <inheritdoc />
    public async ValueTask<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return true; // unreachable: serve this instance's own clients (documented)
        try
        {
            var held = await redis.Database.ScriptEvaluateAsync(HoldScript, [Key(name)],
                [Holder, (long)duration.TotalMilliseconds]).WaitAsync(cancellationToken);
            return (long)held == 1;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "lease", name, e);
            return true;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string name)
    {
        if (!redis.IsConnected) return;
        try
        {
            await redis.Database.ScriptEvaluateAsync(ReleaseScript, [Key(name)], [Holder]).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "lease release", name, e);
        }
    }

    private string Holder => redis.InstanceId.ToString("N");

    private RedisKey Key(string name) => $"{redis.KeyPrefix}lease:{name}";
}
