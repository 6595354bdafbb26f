using System.Net.Sockets;
using System.Text;

namespace Workshop.Bench.Load.Net;

/// <summary>Reads an HTTP/1.1 response head from a raw socket into a caller's buffer.</summary>
internal static class HttpHead
{
    /// <summary>
    /// Receives until the blank line ending the head; returns the head as text and how many bytes of
    /// <paramref name="buffer"/> are filled (the body's first bytes follow the head there).
    /// </summary>
    public static async Task<(string Head, int HeadLength, int Filled)> ReadAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.ASCII.GetString(buffer, 0, end), end + 4, filled);
            if (filled == buffer.Length) throw new InvalidOperationException("Response head too long.");
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct);
            if (n == 0) throw new InvalidOperationException("Connection closed before the response head.");
            filled += n;
        }
    }

    /// <summary>The status code of a head such as <c>HTTP/1.1 101 Switching Protocols</c>.</summary>
    public static int Status(string head) =>
        head.Length >= 12 && int.TryParse(head.AsSpan(9, 3), out var status) ? status : 0;

    /// <summary>Opens a loopback TCP connection with Nagle off.</summary>
    public static async Task<Socket> ConnectAsync(int port, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
