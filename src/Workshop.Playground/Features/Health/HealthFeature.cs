using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workshop.Protocols.Redis;

namespace Workshop.Playground.Features.Health;

/// <summary><c>GET /health</c>: ASP.NET Core health checks, written as <see cref="BackplaneHealthReport"/>.</summary>
public static class HealthFeature
{
    /// <summary>Registers the health checks service (a Redis backplane adds its own check to it).</summary>
    public static IServiceCollection AddPlaygroundHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// 200 with <c>status</c> (<c>ok</c>, or <c>degraded</c> while a Redis backplane is unreachable, see
    /// docs/scale-out.md) and the backplane kind. The reason of a degradation names the Redis endpoint and its error:
    /// it is shown in Development only, and logged everywhere. Degraded stays 200 (the framework's default): every
    /// instance is degraded at once, and a load balancer that took them all out would turn a partial outage into a full one.
    /// </summary>
    public static IEndpointRouteBuilder MapPlaygroundHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var development = app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = (context, report) =>
            {
                var body = BackplaneHealthReport.From(report);
                if (!development && body.Reason is not null)
                    body = body with { Reason = "the backplane is unreachable; local clients are still served (details in the server log)" };
                context.Response.ContentType = "application/json; charset=utf-8";
                return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
            },
        });
        return app;
    }
}
