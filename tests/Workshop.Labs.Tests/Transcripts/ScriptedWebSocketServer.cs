using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>
/// A WebSocket "app" on <c>127.0.0.1:0</c> that answers every handshake with 101 and then writes the same scripted
/// frames to each connection, exactly as given (opcode, FIN, payload): what a real server would only do by chance
/// (a ping, a fragment, a close with a reason, a hostile text) comes out the same every run.
/// </summary>
public sealed class ScriptedWebSocketServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<(int Opcode, bool Fin, byte[] Payload)> _frames;
    private readonly Task _accepting;

    public ScriptedWebSocketServer(IReadOnlyList<(int Opcode, bool Fin, byte[] Payload)> frames)
    {
        _frames = frames;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public static (int, bool, byte[]) Text(string text, bool fin = true) => (1, fin, Encoding.UTF8.GetBytes(text));

    public static (int, bool, byte[]) Close(int code, string reason) =>
        (8, true, [(byte)(code >> 8), (byte)code, .. Encoding.UTF8.GetBytes(reason)]);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1) head.Append((char)one[0]);
                var key = head.ToString().Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
                    .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
                var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"), _stop.Token);
                foreach (var (opcode, fin, payload) in _frames) await stream.WriteAsync(Frame(opcode, fin, payload), _stop.Token);
                // Hold the connection until the client is done with it.
                while (await stream.ReadAsync(new byte[256], _stop.Token) > 0)
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client or the test ended the connection.
            }
        }
    }

    private static byte[] Frame(int opcode, bool fin, byte[] payload)
    {
        var first = (byte)((fin ? 0x80 : 0) | opcode);
        byte[] head = payload.Length < 126 ? [first, (byte)payload.Length] : [first, 126, (byte)(payload.Length >> 8), (byte)payload.Length];
        return [.. head, .. payload];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
