using Microsoft.Extensions.DependencyInjection.Extensions;
using Workshop.Playground.Features.Security;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.LiveFeed;

/// <summary>The simulated live feed: a background publisher of the <c>feed</c> topic, and the brief's <c>GET /events</c>.</summary>
public static class LiveFeedFeature
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

    /// <summary>
    /// <c>GET /events</c>: <c>data: Hello from server</c> first, then the live feed with ids, resumable with
    /// <c>Last-Event-ID</c>. In Development also <c>POST /api/feed/drop</c>, which ends every open feed stream.
    /// </summary>
    public static IEndpointRouteBuilder MapLiveFeed(this IEndpointRouteBuilder app)
    {
        app.MapServerSentEvents("/events", LiveFeedOptions.Topic, o =>
        {
            o.HelloData = "Hello from server";
            o.AnnounceReplay = true;
        }).RequireRateLimiting(RateLimitPolicies.Streams);

        // Only in Development: anyone could otherwise cut every learner's stream.
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapPost("/api/feed/drop", (ISseTopics topics) =>
                TypedResults.Ok(new { dropped = topics.Get(LiveFeedOptions.Topic).DisconnectAll() }));
        }
        return app;
    }
}
