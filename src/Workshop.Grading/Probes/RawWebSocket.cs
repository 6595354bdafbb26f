using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>
/// A bare-bones WebSocket client over a TCP socket that sees control frames (ping/pong/close) and never answers
/// a ping: what ClientWebSocket hides, and what a dead peer looks like to the server.
/// </summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly TranscriptRecorder? _transcript = TranscriptRecorder.Current;

    private RawWebSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Performs the opening handshake; throws when the server does not answer 101.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Uri wsUri, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(wsUri.Host, wsUri.Port, cancellationToken);
        var socket = new RawWebSocket(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {wsUri.PathAndQuery} HTTP/1.1\r\nHost: {wsUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                      $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket._transcript?.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest, $"GET {wsUri.PathAndQuery} (WebSocket upgrade)");
        await socket._stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await socket._stream.ReadAsync(one, cancellationToken) == 0) throw new InvalidOperationException("the server closed the connection during the handshake");
            head.Append((char)one[0]);
        }
        var status = head.ToString().Split("\r\n")[0];
        socket._transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, status.StartsWith("HTTP/", StringComparison.Ordinal) ? status[(status.IndexOf(' ', StringComparison.Ordinal) + 1)..] : status);
        if (!status.Contains(" 101 ", StringComparison.Ordinal))
        {
            await socket.DisposeAsync();
            throw new InvalidOperationException($"the handshake was answered with \"{status}\"");
        }
        return socket;
    }

    /// <summary>Reads the next frame's opcode (1 text, 8 close, 9 ping, 10 pong), or null when the connection ended.</summary>
    public async Task<int?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[2];
            if (!await ReadExactlyOrEndAsync(header, cancellationToken))
            {
                _transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.Note, "the connection ended");
                return null;
            }
            var opcode = header[0] & 0x0F;
            var fin = (header[0] & 0x80) != 0;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                var ext = new byte[2];
                if (!await ReadExactlyOrEndAsync(ext, cancellationToken)) return null;
                length = (ext[0] << 8) | ext[1];
            }
            else if (length == 127)
            {
                var ext = new byte[8];
                if (!await ReadExactlyOrEndAsync(ext, cancellationToken)) return null;
                length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ext);
            }
            var payload = new byte[length];
            if (!await ReadExactlyOrEndAsync(payload, cancellationToken)) return null;
            _transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.WebSocketFrame, DescribeFrame(opcode, fin, payload));
            return opcode;
        }
        catch (IOException)
        {
            _transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.Note, "the connection was reset");
            return null; // reset by the server: the connection ended
        }
    }

    /// <summary>A frame by name, for transcripts: <c>ping (0 B, FIN)</c>, <c>close 1001 "going away"</c>, <c>text "hi" (2 B, FIN)</c>.</summary>
    public static string DescribeFrame(int opcode, bool fin, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (opcode == 8)
        {
            int? code = payload.Length >= 2 ? (payload[0] << 8) | payload[1] : null;
            return WebSocketFrames.Close(code, payload.Length > 2 ? Encoding.UTF8.GetString(payload, 2, Math.Min(payload.Length - 2, 123)) : null);
        }
        var preview = opcode is 1 or 0 ? Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 64)) : null;
        return WebSocketFrames.Data(WebSocketFrames.OpcodeName(opcode), preview, payload.Length, fin);
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
