using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workshop.Protocols.Redis;

/// <summary>
/// The backplane's part of <c>/health</c>. A Redis outage reports <see cref="HealthStatus.Degraded"/> (not
/// unhealthy): the instance still serves its own clients, and taking every instance out of a load balancer at
/// once would be worse. Never waits on the network: it reads the state the connection keeps.
/// </summary>
public sealed class RedisBackplaneHealthCheck(RedisBackplaneConnection redis) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "redis-backplane";

    private static readonly IReadOnlyDictionary<string, object> Data = new Dictionary<string, object> { ["backplane"] = "redis" };

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = redis.Problem;
        return Task.FromResult(problem is null
            ? HealthCheckResult.Healthy("redis reachable", Data)
            : HealthCheckResult.Degraded(problem, data: Data));
    }
}
