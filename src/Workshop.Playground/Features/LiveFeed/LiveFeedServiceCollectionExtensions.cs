using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Playground.Features.LiveFeed;

// In the framework's namespace so Program.cs stays a plain list of Add/Map calls without extra usings.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the simulated live feed.</summary>
public static class LiveFeedServiceCollectionExtensions
{
    /// <summary>Adds the SSE services and the background publisher of the <c>feed</c> topic.</summary>
    public static IServiceCollection AddLiveFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddServerSentEvents(configuration);
        services.AddOptions<LiveFeedOptions>()
            .Bind(configuration.GetSection(LiveFeedOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero, "LiveFeed:Interval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // One process holds the lease; AddRedisBackplane replaces it with one shared by every instance.
        services.TryAddSingleton<Workshop.Protocols.Scaling.IInstanceLease>(Workshop.Protocols.Scaling.InMemoryInstanceLease.Instance);
        services.AddHostedService<LiveFeedPublisher>();
        return services;
    }
}
