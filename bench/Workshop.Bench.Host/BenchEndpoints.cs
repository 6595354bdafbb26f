using System.Text;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

namespace Workshop.Bench.Host;

/// <summary>The two endpoints the playground does not have, built only from the reference library's public API.</summary>
internal static class BenchEndpoints
{
    public const string SseTopic = "bench";
    private const string Room = "bench";

    /// <summary>Every text or binary message a client sends goes to every connection of the one room.</summary>
    public static IEndpointConventionBuilder MapBroadcastAll(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.Map(pattern, async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var hub = context.RequestServices.GetRequiredService<WebSocketHub>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            hub.Join(Room, connection, connection.Id);
            try
            {
                await connection.RunAsync((message, _) =>
                {
                    hub.Broadcast(Room, new OutboundMessage(message.Data, message.Type));
                    return ValueTask.CompletedTask;
                }, acceptor.ApplicationStopping);
            }
            finally
            {
                hub.LeaveAll(connection);
            }
        });

    /// <summary>The request body, as UTF-8 text, becomes one event of the bench topic; 202 with its id.</summary>
    public static IEndpointConventionBuilder MapSsePublish(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapPost(pattern, async (HttpRequest request, ISseTopics topics) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var published = await topics.Get(SseTopic).PublishAsync(null, text, request.HttpContext.RequestAborted);
            return TypedResults.Accepted((string?)null, new { id = published.Id });
        });
}
