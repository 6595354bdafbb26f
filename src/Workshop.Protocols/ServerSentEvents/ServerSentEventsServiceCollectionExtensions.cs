using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Protocols.ServerSentEvents;

// In the framework's namespace (as ASP.NET Core's own Add* methods are) so Program.cs needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Server-Sent Events services.</summary>
public static class ServerSentEventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ISseTopics"/> (singleton) and binds <see cref="ServerSentEventsOptions"/> from the
    /// <c>ServerSentEvents</c> section of <paramref name="configuration"/> (pass the app's root configuration).
    /// Calling it again is harmless. Ids and history stay in this process unless another
    /// <see cref="ISseBackplane"/> is registered (<c>AddRedisBackplane</c> of Workshop.Protocols.Redis shares them).
    /// </summary>
    public static IServiceCollection AddServerSentEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Several features (the live feed, the webhook inspector) may each call this: register once.
        if (services.Any(d => d.ServiceType == typeof(ISseTopics))) return services;
        services.AddOptions<ServerSentEventsOptions>()
            .Bind(configuration.GetSection(ServerSentEventsOptions.SectionName))
            .Validate(o => o.LogCapacity >= 1, "ServerSentEvents:LogCapacity must be at least 1.")
            .Validate(o => o.SubscriberQueueCapacity >= 1, "ServerSentEvents:SubscriberQueueCapacity must be at least 1.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "ServerSentEvents:HeartbeatInterval must be positive.")
            .Validate(o => o.RetryHint >= TimeSpan.Zero, "ServerSentEvents:RetryHint must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // In memory unless a backplane (AddRedisBackplane in Workshop.Protocols.Redis) registered a shared one.
        services.TryAddSingleton<ISseBackplane>(InMemorySseBackplane.Instance);
        services.TryAddSingleton<ISseTopics, SseTopics>();
        return services;
    }
}
