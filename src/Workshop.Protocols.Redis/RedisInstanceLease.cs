using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workshop.Protocols.Scaling;

namespace Workshop.Protocols.Redis;

/// <summary>
/// A lease in Redis: the key <c>{prefix}lease:{name}</c> holds the holder's instance id and expires after the
/// duration; one script takes it when free or renews it when held, so two instances never both get true.
/// </summary>
/// <remarks>
/// A request that times out (Redis slow, not gone) may or may not have reached Redis, so it answers from what this
/// instance knew: true only while its last confirmed hold has not expired. Answering true there would let a second
/// instance act beside the holder. The work a lease guards must not rely on per-process state: the playground's
/// live feed, taken over by another instance, reads where the match stands from the feed's shared stream.
/// </remarks>
public sealed class RedisInstanceLease(RedisBackplaneConnection redis, TimeProvider time, ILogger<RedisInstanceLease> logger) : IInstanceLease
{
    // Per lease name: until when this instance's last confirmed hold runs.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new();

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

    /// <summary>True when <see cref="HoldAsync"/> answers <see cref="LeaseHold.Held"/> or <see cref="LeaseHold.Alone"/>.</summary>
    public async ValueTask<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken) =>
        await HoldAsync(name, duration, cancellationToken) != LeaseHold.NotHeld;

    /// <inheritdoc />
    public async ValueTask<LeaseHold> HoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return LeaseHold.Alone; // unreachable: serve this instance's own clients (documented)
        var asked = time.GetUtcNow(); // the hold runs from before the request: never later than Redis's own expiry
        try
        {
            var held = await redis.Database.ScriptEvaluateAsync(HoldScript, [Key(name)],
                [Holder, (long)duration.TotalMilliseconds]).WaitAsync(cancellationToken);
            if ((long)held != 1)
            {
                _heldUntil.TryRemove(name, out _);
                return LeaseHold.NotHeld;
            }
            _heldUntil[name] = asked + duration;
            return LeaseHold.Held;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "lease", name, e);
            // A lost connection is an outage (every instance serves its own clients); anything else is unknown.
            if (!redis.IsConnected) return LeaseHold.Alone;
            return _heldUntil.TryGetValue(name, out var until) && time.GetUtcNow() < until ? LeaseHold.Held : LeaseHold.NotHeld;
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string name)
    {
        if (!redis.IsConnected) return;
        try
        {
            _heldUntil.TryRemove(name, out _);
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
