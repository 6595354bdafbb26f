using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;

namespace Workshop.Playground.Features.Security;

/// <summary>
/// ASP.NET Core's rate limiter with one fixed-window policy per <see cref="RateLimitPolicies"/> name, partitioned
/// per client. A refused request gets 429 with <c>Retry-After</c> and a problem+json body whose <c>reason</c> is
/// <c>rate-limited</c>; the endpoint never runs, so a refused request costs no storage.
/// </summary>
public static class RateLimitingExtensions
{
    /// <summary>Registers and validates the limits, and the policies.</summary>
    public static IServiceCollection AddPlaygroundRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlaygroundRateLimitOptions>()
            .Bind(configuration.GetSection(PlaygroundRateLimitOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaygroundRateLimitOptions>, PlaygroundRateLimitOptionsValidator>());
        services.AddRateLimiter(limiter =>
        {
            // A concurrency limiter holds its lease for the whole request: for a stream, as long as it stays open.
            limiter.AddPolicy(RateLimitPolicies.Streams, context => RateLimitPartition.GetConcurrencyLimiter(
                ClientPartition.KeyOf(context),
                _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<PlaygroundRateLimitOptions>>().Value.MaxStreamsPerClient,
                    QueueLimit = 0,
                }));
            foreach (var policy in typeof(RateLimitPolicies).GetFields().Select(f => (string)f.GetRawConstantValue()!).Where(p => p != RateLimitPolicies.Streams))
            {
                limiter.AddPolicy(policy, context =>
                {
                    var rule = context.RequestServices.GetRequiredService<IOptions<PlaygroundRateLimitOptions>>().Value.Rules().First(r => r.Policy == policy).Rule;
                    return RateLimitPartition.GetFixedWindowLimiter(ClientPartition.KeyOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = rule.PermitLimit,
                        Window = rule.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                });
            }
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // A concurrency limit has no window: retry once one of the caller's own requests has ended.
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 10;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "global";
        // The route pattern, not the path: a path can hold a bin id, which is a capability.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        SecurityLog.RateLimited(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Workshop.Playground.Security"), policy, route);
        await HttpProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate-limited", "Rate limit exceeded",
            policy == RateLimitPolicies.Streams
                ? "Your address holds too many open event streams; close one and retry."
                : $"Too many requests from your address to this endpoint; retry in {seconds} s.",
            new Dictionary<string, object?> { ["policy"] = policy, ["retryAfterSeconds"] = seconds });
    }
}
