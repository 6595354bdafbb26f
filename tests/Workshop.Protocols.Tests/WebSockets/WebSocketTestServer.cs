using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

/// <summary>
/// A small real Kestrel app on 127.0.0.1:0 mapping the library's endpoints, plus <c>/ws/room</c>: every client
/// joins room "r" and each text message it sends is broadcast to the whole room.
/// </summary>
internal sealed class WebSocketTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebSocketTestServer(WebApplication app, Uri http, WebSocketHub roomHub)
    {
        _app = app;
        RoomHub = roomHub;
        HttpAddress = http;
        WsAddress = new UriBuilder(http) { Scheme = "ws" }.Uri;
    }

    public Uri HttpAddress { get; }

    public Uri WsAddress { get; }

    public WebSocketHub RoomHub { get; }

    public WebApplication App => _app;

    public RealtimeWebSocketAcceptor Acceptor => _app.Services.GetRequiredService<RealtimeWebSocketAcceptor>();

    public Uri Ws(string path) => new(WsAddress, path);

    public static async Task<WebSocketTestServer> StartAsync(Action<RealtimeWebSocketOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRealtimeWebSockets(builder.Configuration);
        builder.Services.Configure<RealtimeWebSocketOptions>(o => configure?.Invoke(o));
        var app = builder.Build();
        app.MapWebSocketEcho("/ws/echo");
        app.MapChat("/ws/chat");
        var roomHub = new WebSocketHub();
        app.Map("/ws/room", context => RoomAsync(context, roomHub));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebSocketTestServer(app, new Uri(address), roomHub);
    }

    private static async Task RoomAsync(Microsoft.AspNetCore.Http.HttpContext context, WebSocketHub roomHub)
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

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
