using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.WebSockets;
using Workshop.Testing.Hosting;

namespace Workshop.Faults.Tests;

/// <summary>
/// A <see cref="TestHost"/> with <c>/ws/room</c> (every client joins room "r"; the test broadcasts through
/// <see cref="Hub"/>) and <c>GET /events</c> (topic <c>feed</c>). The listening socket's send buffer is small, so a
/// client that stops reading fills it quickly and the server's own bounded queue decides (as on a real network).
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly WebSocketHub _hub = new();
    private TestHost _host = null!;

    private FaultServer()
    {
    }

    public Uri HttpAddress => _host.BaseAddress;

    public Uri Room => _host.Ws("/ws/room");

    public HttpClient Http { get; private set; } = null!;

    public WebSocketHub Hub => _hub;

    public SseTopic Feed => _host.Services.GetRequiredService<ISseTopics>().Get("feed");

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
        var server = new FaultServer();
        // Every client of these tests comes from 127.0.0.1, hundreds at once: the connection caps (defaults 50 per
        // client, 10,000 in all) are raised here; a test's own settings still win.
        var caps = new Dictionary<string, string?>
        {
            ["WebSockets:MaxConnectionsPerClient"] = "1000000",
            ["WebSockets:MaxConnections"] = "1000000",
        };
        server._host = await TestHost.StartAsync(server.Map, builder =>
        {
            builder.WebHost.UseSockets(o => o.CreateBoundListenSocket = endpoint =>
            {
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 16 * 1024; // accepted sockets inherit it (and lose send-buffer autotuning)
                return socket;
            });
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddRealtimeWebSockets(builder.Configuration);
            builder.Services.AddServerSentEvents(builder.Configuration);
        }, caps);
        server.Http = server._host.CreateClient();
        return server;
    }

    private void Map(WebApplication app)
    {
        app.Map("/ws/room", async context =>
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            _hub.Join("r", connection, connection.Id);
            try
            {
                await connection.RunAsync((_, _) => ValueTask.CompletedTask, acceptor.ApplicationStopping);
            }
            finally
            {
                _hub.LeaveAll(connection);
            }
        });
        app.Use(async (context, next) =>
        {
            if (context.Request.Path != "/events")
            {
                await next(context);
                return;
            }
            CurrentStream = context;
            Interlocked.Increment(ref _streamsStarted);
            Interlocked.Increment(ref _streamsOpen);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _streamsOpen);
            }
        });
        app.MapServerSentEvents("/events", "feed");
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
        await _host.DisposeAsync();
    }
}
