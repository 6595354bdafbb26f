using StackExchange.Redis;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Turns a Redis that is down or too slow (bins shared through the backplane) into 503 <c>inspector-unavailable</c>
/// with a reason, instead of a 500: the caller learns to retry, and nothing about the failure leaks.
/// </summary>
internal sealed class InspectorUnavailableFilter(ILogger<InspectorStore> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            return Unavailable(logger, ex);
        }
    }

    /// <summary>True for a Redis that is down (connection) or too slow (timeout).</summary>
    public static bool IsRedisFailure(Exception ex) => ex is RedisException or RedisTimeoutException;

    /// <summary>Logs the failure (its type only) and answers 503 <c>inspector-unavailable</c>.</summary>
    public static IResult Unavailable(ILogger logger, Exception ex)
    {
        InspectorLog.SharedBinsUnavailable(logger, ex.GetType().Name);
        return InspectorProblems.Problem(StatusCodes.Status503ServiceUnavailable, "inspector-unavailable",
            "Bins are shared through Redis, which does not answer right now; try again shortly.");
    }
}
