using Workshop.Playground.Features.LiveFeed;
using Workshop.Protocols.ServerSentEvents;

// In the framework's namespace so Program.cs stays a plain list of Add/Map calls without extra usings.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the brief's <c>GET /events</c> stream and the development-only drop button.</summary>
public static class LiveFeedEndpoints
{
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
        }).RequireRateLimiting(Workshop.Playground.Features.Security.RateLimitPolicies.Streams);

        // Only in Development: anyone could otherwise cut every learner's stream.
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.MapPost("/api/feed/drop", (ISseTopics topics) =>
                TypedResults.Ok(new { dropped = topics.Get(LiveFeedOptions.Topic).DisconnectAll() }));
        }
        return app;
    }
}
