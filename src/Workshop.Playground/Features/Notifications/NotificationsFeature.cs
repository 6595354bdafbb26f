using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workshop.Playground.Features.Security;

namespace Workshop.Playground.Features.Notifications;

/// <summary>
/// Per-user notifications over SSE with a cookie session: lab 10's contract, served by the playground so the lab's
/// checks run against a reference. Bounded for a public deployment (see <see cref="NotificationsOptions"/> and the
/// <c>notifications-login</c> and <c>notifications-notify</c> rate limits).
/// </summary>
public static class NotificationsFeature
{
    /// <summary>Registers and validates the options, the session store, the notification center and the sweeper.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationsOptions>()
            .Bind(configuration.GetSection(NotificationsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NotificationSessions>();
        services.AddSingleton<NotificationCenter>();
        services.AddHostedService<NotificationSweeper>();
        return services;
    }

    /// <summary>
    /// <c>POST /login</c>, <c>GET /notifications/stream</c>, <c>GET /notifications</c>,
    /// <c>POST /notifications/{id}/read</c> and <c>POST /notify</c> (the page is <c>/play/notifications.html</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var bodyLimit = new RequestSizeLimitAttribute(app.ServiceProvider.GetRequiredService<IOptions<NotificationsOptions>>().Value.MaxBodyBytes);
        app.MapPost("/login", NotificationEndpoints.Login).RequireRateLimiting(RateLimitPolicies.NotificationsLogin).WithMetadata(bodyLimit);
        app.MapPost("/notify", NotificationEndpoints.Notify).RequireRateLimiting(RateLimitPolicies.NotificationsNotify).WithMetadata(bodyLimit);
        app.MapGet("/notifications/stream", NotificationEndpoints.Stream).RequireRateLimiting(RateLimitPolicies.Streams);
        app.MapGet("/notifications", NotificationEndpoints.Inbox);
        app.MapPost("/notifications/{id:long}/read", NotificationEndpoints.MarkRead).WithMetadata(bodyLimit);
        return app;
    }
}
