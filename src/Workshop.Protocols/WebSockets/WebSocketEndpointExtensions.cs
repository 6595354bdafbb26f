using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.WebSockets;
using Workshop.Protocols.WebSockets.Chat;

// In the framework's namespace (the ASP.NET Core convention) so Program.cs needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the reference WebSocket endpoints (needs <c>AddRealtimeWebSockets</c>).</summary>
public static class WebSocketEndpointExtensions
{
    /// <summary>
    /// The brief's example: sends <c>Welcome!</c> on connect, then echoes every message (text as text, binary as binary).
    /// </summary>
    public static IEndpointConventionBuilder MapWebSocketEcho(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.Map(pattern, async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            connection.TrySend(OutboundMessage.Text("Welcome!"));
            await connection.RunAsync((message, _) =>
            {
                // The received bytes are already validated UTF-8: echo them without re-encoding.
                connection.TrySend(new OutboundMessage(message.Data, message.Type));
                return ValueTask.CompletedTask;
            }, acceptor.ApplicationStopping);
        });

    /// <summary>The chat protocol <c>chat.v1</c> (see docs/websockets.md): rooms with join, say and leave.</summary>
    public static IEndpointConventionBuilder MapChat(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.Map(pattern, async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context, ChatProtocol.SubProtocol);
            if (connection is null) return;
            await context.RequestServices.GetRequiredService<ChatHub>().RunAsync(connection, acceptor.ApplicationStopping);
        });
}
