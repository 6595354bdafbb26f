using System.Net.Sockets;
using System.Text;

namespace Workshop.Bench.Load.Net;

/// <summary>
/// A minimal SSE subscriber on a raw socket: one GET, then the body (chunked or close-delimited) is decoded
/// and scanned for markers. It never parses events into objects, so one core can take ~10⁶ events a second.
/// </summary>
internal sealed class SseClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly bool _chunked;
    private int _pending;
    private int _chunkLeft;
    private int _chunkState;

    private SseClient(Socket socket, bool chunked)
    {
        _socket = socket;
        _chunked = chunked;
    }

    public static async Task<SseClient> ConnectAsync(int port, string path, CancellationToken ct)
    {
        var socket = await HttpHead.ConnectAsync(port, ct);
        try
        {
            var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
            var buffer = new byte[16 * 1024];
            var (head, headLength, filled) = await HttpHead.ReadAsync(socket, buffer, ct);
            if (HttpHead.Status(head) != 200) throw new InvalidOperationException($"SSE {path} refused: {head.Split('\r')[0]}");
            var chunked = head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
            var client = new SseClient(socket, chunked);
            Buffer.BlockCopy(buffer, headLength, client._buffer, 0, filled - headLength);
            client._pending = filled - headLength;
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads until the stream ends or <paramref name="ct"/> fires, feeding body bytes to the scanner.</summary>
    public async Task RunAsync(MarkerScanner scanner, CancellationToken ct)
    {
        var count = _pending;
        while (true)
        {
            if (count > 0) Decode(_buffer.AsSpan(0, count), scanner);
            count = await _socket.ReceiveAsync(_buffer, SocketFlags.None, ct);
            if (count == 0) return;
        }
    }

    // States: 0 chunk-size hex, 1 rest of size line, 2 chunk data, 3 CRLF after data.
    private void Decode(ReadOnlySpan<byte> bytes, MarkerScanner scanner)
    {
        if (!_chunked)
        {
            scanner.Feed(bytes);
            return;
        }
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_chunkState)
            {
                case 0:
                    var b = bytes[i++];
                    var digit = HexValue(b);
                    if (digit >= 0) _chunkLeft = (_chunkLeft * 16) + digit;
                    else _chunkState = b == '\n' ? 2 : 1;
                    break;
                case 1:
                    if (bytes[i++] == '\n') _chunkState = 2;
                    break;
                case 2:
                    var take = Math.Min(_chunkLeft, bytes.Length - i);
                    scanner.Feed(bytes.Slice(i, take));
                    i += take;
                    _chunkLeft -= take;
                    if (_chunkLeft == 0) _chunkState = 3;
                    break;
                default:
                    if (bytes[i++] == '\n') _chunkState = 0;
                    break;
            }
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    public void Dispose() => _socket.Dispose();
}
