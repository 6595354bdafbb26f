using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.WebSockets;
using Workshop.Testing.Hosting;

namespace Workshop.Protocols.Tests.WebSockets;

/// <summary>
/// The library's endpoints on a <see cref="TestHost"/>, plus <c>/ws/room</c>: every client joins room "r" and each
/// text message it sends is broadcast to the whole room.
/// </summary>
internal sealed class WebSocketTestServer : IAsyncDisposable
{
    private readonly TestHost _host;

    private WebSocketTestServer(TestHost host, WebSocketHub roomHub)
    {
        _host = host;
        RoomHub = roomHub;
    }

    public Uri HttpAddress => _host.BaseAddress;

    public Uri WsAddress => _host.WsAddress;

    public WebSocketHub RoomHub { get; }

    public WebApplication App => _host.App;

    public RealtimeWebSocketAcceptor Acceptor => _host.Services.GetRequiredService<RealtimeWebSocketAcceptor>();

    public Uri Ws(string path) => _host.Ws(path);

    public static async Task<WebSocketTestServer> StartAsync(Action<RealtimeWebSocketOptions>? configure = null)
    {
        var roomHub = new WebSocketHub();
        var host = await TestHost.StartAsync(
            app =>
            {
                app.MapWebSocketEcho("/ws/echo");
                app.MapChat("/ws/chat");
                app.Map("/ws/room", context => RoomAsync(context, roomHub));
            },
            builder =>
            {
                builder.Services.AddRealtimeWebSockets(builder.Configuration);
                builder.Services.Configure<RealtimeWebSocketOptions>(o => configure?.Invoke(o));
            });
        return new WebSocketTestServer(host, roomHub);
    }

    private static async Task RoomAsync(HttpContext context, WebSocketHub roomHub)
    {
        var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
        var connection = await acceptor.AcceptAsync(context);
        if (connection is null) return;
        roomHub.Join("r", connection, connection.Id);
        try
        {
            await connection.RunAsync((message, _) =>
            {
                roomHub.Broadcast("r", new OutboundMessage(message.Data, WebSocketMessageType.Text));
                return ValueTask.CompletedTask;
            }, acceptor.ApplicationStopping);
        }
        finally
        {
            roomHub.LeaveAll(connection);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
