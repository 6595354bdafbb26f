using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;

namespace Workshop.Faults.Tests;

/// <summary>
/// Real Kestrel on 127.0.0.1:0 with <c>/ws/room</c> (every client joins room "r"; the test broadcasts through
/// <see cref="Hub"/>) and <c>GET /events</c> (topic <c>feed</c>). The listening socket's send buffer is small, so a
/// client that stops reading fills it quickly and the server's own bounded queue decides (as on a real network).
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FaultServer(WebApplication app, WebSocketHub hub)
    {
        _app = app;
        Hub = hub;
        HttpAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient { BaseAddress = HttpAddress };
    }

    public Uri HttpAddress { get; }

    public Uri Room => new UriBuilder(HttpAddress) { Scheme = "ws", Path = "/ws/room" }.Uri;

    public HttpClient Http { get; }

    public WebSocketHub Hub { get; }

    public SseTopic Feed => _app.Services.GetRequiredService<ISseTopics>().Get("feed");

    /// <summary>The request of the newest open <c>/events</c> stream (to abort its TCP connection).</summary>
    public HttpContext? CurrentStream { get; private set; }

    private int _streamsStarted;
    private int _streamsOpen;

    /// <summary><c>/events</c> requests so far.</summary>
    public int StreamsStarted => Volatile.Read(ref _streamsStarted);

    /// <summary><c>/events</c> requests whose handler has not returned (it unsubscribes before it returns).</summary>
    public int StreamsOpen => Volatile.Read(ref _streamsOpen);

    public static async Task<FaultServer> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 16 * 1024; // accepted sockets inherit it (and lose send-buffer autotuning)
            return socket;
        });
        builder.Logging.ClearProviders();
        // Every client of these tests comes from 127.0.0.1, hundreds at once: the connection caps (defaults 50 per
        // client, 10,000 in all) are raised here; a test's own settings still win.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebSockets:MaxConnectionsPerClient"] = "1000000",
            ["WebSockets:MaxConnections"] = "1000000",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRealtimeWebSockets(builder.Configuration);
        builder.Services.AddServerSentEvents(builder.Configuration);
        var app = builder.Build();
        var hub = new WebSocketHub();
        FaultServer? server = null;
        app.Map("/ws/room", async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            hub.Join("r", connection, connection.Id);
            try
            {
                await connection.RunAsync((_, _) => ValueTask.CompletedTask, acceptor.ApplicationStopping);
            }
            finally
            {
                hub.LeaveAll(connection);
            }
        });
        app.Use(async (context, next) =>
        {
            if (context.Request.Path != "/events")
            {
                await next(context);
                return;
            }
            server!.CurrentStream = context;
            Interlocked.Increment(ref server._streamsStarted);
            Interlocked.Increment(ref server._streamsOpen);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref server._streamsOpen);
            }
        });
        app.MapServerSentEvents("/events", "feed");
        await app.StartAsync();
        server = new FaultServer(app, hub);
        return server;
    }

    /// <summary>A client whose socket receive buffer is tiny, so not reading backs up to the server at once.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, int? receiveBuffer = null)
    {
        var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBuffer is { } size) socket.ReceiveBufferSize = size; // before connect: sets the window
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(uri, invoker, timeout.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
