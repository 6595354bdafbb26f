using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Workshop.Bench.Load.Net;

/// <summary>
/// A minimal WebSocket client on a raw socket (RFC 6455: handshake, masked frames out, unmasked frames in,
/// pings answered). Parsing several frames per socket read is what lets one generator core keep up with
/// hundreds of thousands of deliveries a second, which ClientWebSocket's one-message-per-call API does not.
/// </summary>
internal sealed class WsClient : IDisposable
{
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _mask = RandomNumberGenerator.GetBytes(4);
    private byte[] _buffer = new byte[16 * 1024];
    private byte[] _sendBuffer = new byte[1024];
    private int _start;
    private int _end;

    private WsClient(Socket socket) => _socket = socket;

    public static async Task<WsClient> ConnectAsync(int port, string path, string? subprotocol, CancellationToken ct)
    {
        var socket = await HttpHead.ConnectAsync(port, ct);
        var client = new WsClient(socket);
        try
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n" +
                (subprotocol is null ? "" : $"Sec-WebSocket-Protocol: {subprotocol}\r\n") + "\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
            var (head, headLength, filled) = await HttpHead.ReadAsync(socket, client._buffer, ct);
            if (HttpHead.Status(head) != 101) throw new InvalidOperationException($"WebSocket upgrade of {path} refused: {head.Split('\r')[0]}");
            client._start = headLength;
            client._end = filled;
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A whole masked text frame for <paramref name="payload"/>, built once with this client's mask so that a loop
    /// sending the same message again and again (echo) neither masks nor copies per message.
    /// </summary>
    public byte[] PrebuiltText(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 14];
        var length = Encode(frame, 0x1, payload);
        return frame.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Sends a frame made by <see cref="PrebuiltText"/> as it is, without the send lock: for a caller that is this
    /// connection's only writer (the echo loop; the server never pings it there).
    /// </summary>
    public async ValueTask SendPrebuiltAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        var sent = await _socket.SendAsync(frame, SocketFlags.None, ct);
        if (sent != frame.Length) throw new IOException($"Sent {sent} of {frame.Length} bytes.");
    }

    /// <summary>Sends one text message in one masked frame. Safe to call from several tasks.</summary>
    public async ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken ct) => await SendFrameAsync(0x1, payload, ct);

    /// <summary>
    /// Returns the next text or binary frame's payload; it stays valid until the next call. Pings are answered,
    /// pongs skipped. A close frame or the end of the stream returns opcode 8.
    /// </summary>
    // Pooled: a receive that waits for data would otherwise allocate its state machine once per message.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(int Opcode, ArraySegment<byte> Payload)> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryParse(out var opcode, out var payloadStart, out var payloadLength))
            {
                _start = payloadStart + payloadLength;
                var payload = new ArraySegment<byte>(_buffer, payloadStart, payloadLength);
                if (opcode == 0x9) await SendFrameAsync(0xA, payload.ToArray(), ct);
                else if (opcode != 0xA) return (opcode, payload);
                continue;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
            if (n == 0) return (0x8, default);
            _end += n;
        }
    }

    private bool TryParse(out int opcode, out int payloadStart, out int payloadLength)
    {
        opcode = payloadStart = payloadLength = 0;
        var available = _end - _start;
        if (available < 2) return false;
        var span = _buffer.AsSpan(_start, available);
        long length = span[1] & 0x7F;
        var header = 2;
        if (length == 126)
        {
            if (available < 4) return false;
            length = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
            header = 4;
        }
        else if (length == 127)
        {
            if (available < 10) return false;
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(span[2..]);
            header = 10;
        }
        if ((span[1] & 0x80) != 0) header += 4;
        if (header + length > _buffer.Length) Array.Resize(ref _buffer, (int)Math.Max(_buffer.Length * 2L, header + length));
        if (available < header + length) return false;
        opcode = span[0] & 0x0F;
        payloadStart = _start + header;
        payloadLength = (int)length;
        return true;
    }

    private async ValueTask SendFrameAsync(int opcode, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            var needed = payload.Length + 14;
            if (_sendBuffer.Length < needed) _sendBuffer = new byte[needed];
            var length = Encode(_sendBuffer, opcode, payload.Span);
            await _socket.SendAsync(_sendBuffer.AsMemory(0, length), SocketFlags.None, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private int Encode(Span<byte> frame, int opcode, ReadOnlySpan<byte> payload)
    {
        frame[0] = (byte)(0x80 | opcode);
        int header;
        if (payload.Length < 126) { frame[1] = (byte)(0x80 | payload.Length); header = 2; }
        else if (payload.Length < 65536) { frame[1] = 0x80 | 126; BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)payload.Length); header = 4; }
        else { frame[1] = 0x80 | 127; BinaryPrimitives.WriteUInt64BigEndian(frame[2..], (ulong)payload.Length); header = 10; }
        _mask.CopyTo(frame[header..]);
        header += 4;
        for (var i = 0; i < payload.Length; i++) frame[header + i] = (byte)(payload[i] ^ _mask[i & 3]);
        return header + payload.Length;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
