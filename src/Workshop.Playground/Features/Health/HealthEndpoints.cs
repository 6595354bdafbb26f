using Workshop.Protocols.Scaling;

// In the framework's namespace so Program.cs stays a plain list of Add/Map calls without extra usings.
namespace Microsoft.AspNetCore.Builder;

/// <summary><c>GET /health</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>
    /// 200 with <c>status</c> (<c>ok</c>, or <c>degraded</c> while a Redis backplane is unreachable, see
    /// docs/scale-out.md) and the backplane kind. The reason of a degradation names the Redis endpoint and its error:
    /// it is shown in Development only, and logged everywhere.
    /// </summary>
    public static IEndpointRouteBuilder MapPlaygroundHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var development = app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        app.MapGet("/health", (BackplaneHealth backplane) =>
        {
            var report = backplane.Report();
            return TypedResults.Ok(development || report.Reason is null
                ? report
                : report with { Reason = "the backplane is unreachable; local clients are still served (details in the server log)" });
        });
        return app;
    }
}
