using System;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

// WebSockets for probes, over the sandbox's own loopback: no web server, no network.
internal static class LoopbackSockets
{
    // Two connected WebSockets over a loopback TCP connection (as the 01-assemble-message check cell makes them).
    public static async Task<SocketPair> PairAsync(CancellationToken token)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var accepting = listener.AcceptTcpClientAsync(token).AsTask();
            var clientTcp = new TcpClient();
            await clientTcp.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, token);
            var serverTcp = await accepting;
            return new SocketPair(serverTcp, clientTcp,
                WebSocket.CreateFromStream(serverTcp.GetStream(), new WebSocketCreationOptions { IsServer = true }),
                WebSocket.CreateFromStream(clientTcp.GetStream(), new WebSocketCreationOptions { IsServer = false }));
        }
        finally
        {
            listener.Stop();
        }
    }

    // A one-shot WebSocket server at ws://127.0.0.1:PORT/ws that sends `greeting` as one text message, then closes
    // (as notebook 00's server does). The HTTP upgrade is done by hand: a few lines, and no Kestrel in the probe.
    public static GreetingServer Greeter(string greeting, CancellationToken token) => new(greeting, token);

    internal sealed class GreetingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        public GreetingServer(string greeting, CancellationToken token)
        {
            _listener.Start();
            Url = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ws");
            _serving = ServeAsync(greeting, token);
        }

        public Uri Url { get; }

        private async Task ServeAsync(string greeting, CancellationToken token)
        {
            using var tcp = await _listener.AcceptTcpClientAsync(token);
            var stream = tcp.GetStream();
            var request = new StringBuilder();
            var one = new byte[1];
            while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && request.Length < 8192)
            {
                if (await stream.ReadAsync(one, token) == 0) return;
                request.Append((char)one[0]);
            }
            var key = "";
            foreach (var line in request.ToString().Split("\r\n"))
            {
                if (line.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase)) key = line["Sec-WebSocket-Key:".Length..].Trim();
            }
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), token);
            using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
            await socket.SendAsync(Encoding.UTF8.GetBytes(greeting), WebSocketMessageType.Text, endOfMessage: true, token);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", token);
        }

        public void Dispose()
        {
            _listener.Stop();
            _serving.ContinueWith(t => t.Exception, TaskScheduler.Default); // observed: a client that left early is not an error here
        }
    }
}

internal sealed class SocketPair(TcpClient serverTcp, TcpClient clientTcp, WebSocket server, WebSocket client) : IDisposable
{
    public WebSocket Server => server;

    public WebSocket Client => client;

    public void Dispose()
    {
        server.Dispose();
        client.Dispose();
        serverTcp.Dispose();
        clientTcp.Dispose();
    }
}
