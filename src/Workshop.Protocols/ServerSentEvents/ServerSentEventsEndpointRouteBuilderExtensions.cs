using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Http;
using Workshop.Protocols.ServerSentEvents;

// In the framework's namespace (as ASP.NET Core's own Map* methods are) so Program.cs needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps GET endpoints that stream an SSE topic.</summary>
public static class ServerSentEventsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>GET <paramref name="pattern"/></c> to a stream of the topic named <paramref name="topic"/>.</summary>
    public static IEndpointConventionBuilder MapServerSentEvents(
        this IEndpointRouteBuilder endpoints, string pattern, string topic, Action<SseStreamOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return endpoints.MapServerSentEvents(pattern, context => context.RequestServices.GetRequiredService<ISseTopics>().Get(topic), configure);
    }

    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to a stream of the topic <paramref name="selectTopic"/> picks per request
    /// (for example from a route value). When it returns <see langword="null"/> the answer is 404 with a problem body.
    /// </summary>
    public static IEndpointConventionBuilder MapServerSentEvents(
        this IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, SseTopic?> selectTopic, Action<SseStreamOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(selectTopic);
        var options = new SseStreamOptions();
        configure?.Invoke(options);
        // Checked once at start-up rather than on every connection.
        SseFieldValidator.EnsureSingleLine(options.HelloEventName, nameof(options.HelloEventName));

        return endpoints.MapGet(pattern, async context =>
        {
            var topic = selectTopic(context);
            if (topic is null)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SseTopic).Namespace!);
                SseLog.UnknownTopic(logger, context.Request.Path);
                await HttpProblems.WriteAsync(context, StatusCodes.Status404NotFound, "unknown-topic", "Unknown event stream",
                    "There is no event stream at this address.");
                return;
            }
            await SseStreamer.StreamAsync(context, topic, options);
        });
    }
}
