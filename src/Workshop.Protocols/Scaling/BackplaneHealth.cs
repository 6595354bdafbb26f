using Microsoft.Extensions.DependencyInjection;

namespace Workshop.Protocols.Scaling;

/// <summary>
/// The backplane's part of <c>/health</c>. A Redis outage reports <c>degraded</c> (not unhealthy): the instance
/// still serves its own clients, and taking every instance out of a load balancer at once would be worse.
/// </summary>
public sealed class BackplaneHealth(IServiceProvider services)
{
    /// <summary>The current state; never throws and never waits on the network.</summary>
    public BackplaneHealthReport Report()
    {
        var redis = services.GetService<RedisBackplaneConnection>();
        if (redis is null) return new BackplaneHealthReport("ok", BackplaneSelection.Memory, null);
        var problem = redis.Problem;
        return problem is null
            ? new BackplaneHealthReport("ok", BackplaneSelection.Redis, null)
            : new BackplaneHealthReport("degraded", BackplaneSelection.Redis, problem);
    }
}
