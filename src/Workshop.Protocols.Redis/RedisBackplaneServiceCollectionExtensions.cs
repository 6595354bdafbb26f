using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Protocols.Redis;
using Workshop.Protocols.Scaling;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

// In the framework's namespace (as ASP.NET Core's own Add* methods are) so Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis backplane, the way SignalR keeps its StackExchange.Redis scale-out in its own package.</summary>
public static class RedisBackplaneServiceCollectionExtensions
{
    /// <summary>
    /// Switches the WebSocket hubs and the SSE topics to Redis when <c>Redis:Configuration</c> is set (or an area's
    /// <c>WebSockets:Backplane</c> / <c>ServerSentEvents:Backplane</c> says <c>redis</c>); otherwise registers nothing
    /// and both stay in memory. Replaces whatever backplane was registered before, so the order of the
    /// <c>Add…</c> calls does not matter. With Redis it also shares chat presence (<see cref="IRoomPresence"/>) and
    /// leases (<see cref="IInstanceLease"/>), and adds the <c>redis-backplane</c> health check (degraded while Redis is away).
    /// </summary>
    /// <exception cref="InvalidOperationException">An area's <c>Backplane</c> is neither <c>memory</c> nor <c>redis</c>.</exception>
    public static IServiceCollection AddRedisBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hubs = BackplaneSelection.UsesRedis(configuration, "WebSockets");
        var topics = BackplaneSelection.UsesRedis(configuration, ServerSentEventsOptions.SectionName);
        if (!hubs && !topics) return services;
        if (services.Any(d => d.ServiceType == typeof(RedisBackplaneConnection))) return services; // registered once
        services.AddOptions<RedisBackplaneOptions>().Bind(configuration.GetSection(RedisBackplaneOptions.SectionName))
            .Validate(o => o.KeyRetention > TimeSpan.Zero && o.PresenceInterval > TimeSpan.Zero,
                "Redis:KeyRetention and Redis:PresenceInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RedisBackplaneConnection>();
        services.AddHostedService<RedisBackplaneStartup>(); // before the heartbeat: its first beat finds Redis connected
        if (hubs) services.Replace(ServiceDescriptor.Singleton<IHubBackplane, RedisHubBackplane>());
        if (topics) services.Replace(ServiceDescriptor.Singleton<ISseBackplane, RedisSseBackplane>());
        // Shared state beyond the two areas: chat presence and leases (one live-feed publisher).
        services.AddSingleton<RedisRoomPresence>();
        services.Replace(ServiceDescriptor.Singleton<IRoomPresence>(sp => sp.GetRequiredService<RedisRoomPresence>()));
        services.AddHostedService<RedisPresenceHeartbeat>();
        services.Replace(ServiceDescriptor.Singleton<IInstanceLease, RedisInstanceLease>());
        services.AddHealthChecks().AddCheck<RedisBackplaneHealthCheck>(RedisBackplaneHealthCheck.Name);
        return services;
    }
}
