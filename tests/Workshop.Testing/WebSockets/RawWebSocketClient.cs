using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Workshop.Testing.WebSockets;

/// <summary>
/// The tests' one WebSocket client by hand over TCP, for what ClientWebSocket hides: the refusal's status and body,
/// every frame the server sends (control frames included), frames a client should not send, and a peer that never
/// answers pings (a half-open connection). The grader's own probe is <c>Workshop.Grading.Probes.RawWebSocket</c>.
/// </summary>
public sealed class RawWebSocketClient : IDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;

    /// <summary>The handshake's status code (101 when upgraded).</summary>
    public int Status { get; private set; }

    /// <summary>The handshake response's status line and headers.</summary>
    public string Head { get; private set; } = "";

    /// <summary>The body of a refused handshake.</summary>
    public string Body { get; private set; } = "";

    /// <summary>Connects to <paramref name="http"/>'s host and asks for an upgrade of <paramref name="path"/>, with extra header lines.</summary>
    public static async Task<RawWebSocketClient> HandshakeAsync(Uri http, string path, params string[] extraHeaders)
    {
        var client = new RawWebSocketClient();
        await client._tcp.ConnectAsync(http.Host, http.Port);
        client._stream = client._tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = new StringBuilder()
            .Append($"GET {path} HTTP/1.1\r\nHost: {http.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")
            .Append($"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n");
        foreach (var header in extraHeaders) request.Append(header).Append("\r\n");
        request.Append("\r\n");
        await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
        await client.ReadResponseAsync();
        return client;
    }

    private async Task ReadResponseAsync()
    {
        var head = new List<byte>();
        while (!EndsWithBlankLine(head)) head.Add(await ReadByteAsync());
        Head = Encoding.ASCII.GetString([.. head]);
        Status = int.Parse(Head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        if (Status == 101) return;
        var lengthLine = Head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null)
        {
            var body = new byte[int.Parse(lengthLine.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
            await _stream.ReadExactlyAsync(body);
            Body = Encoding.UTF8.GetString(body);
            return;
        }
        using var chunks = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32((await ReadLineAsync()).Split(';')[0], 16);
            if (size == 0) break;
            var chunk = new byte[size];
            await _stream.ReadExactlyAsync(chunk);
            chunks.Write(chunk);
            await ReadLineAsync();
        }
        Body = Encoding.UTF8.GetString(chunks.ToArray());
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n') line.Add(await ReadByteAsync());
        return Encoding.ASCII.GetString([.. line]).TrimEnd();
    }

    /// <summary>Reads server frames (never answering anything) until the server drops the connection; their opcodes.</summary>
    public async Task<List<int>> ReadFramesUntilDroppedAsync() => [.. (await ReadFrameListUntilDroppedAsync()).Select(f => f.Opcode)];

    /// <summary>Reads server frames (never answering anything) until the server drops the connection.</summary>
    public async Task<List<RawFrame>> ReadFrameListUntilDroppedAsync()
    {
        var frames = new List<RawFrame>();
        try
        {
            while (true) frames.Add(await ReadFrameAsync());
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return frames;
        }
    }

    /// <summary>Reads one server frame (answering nothing); its opcode.</summary>
    public async Task<int> ReadFrameOpcodeAsync() => (await ReadFrameAsync()).Opcode;

    /// <summary>Reads one server frame (answering nothing); throws <see cref="EndOfStreamException"/> when the connection ended.</summary>
    public async Task<RawFrame> ReadFrameAsync()
    {
        var first = await ReadByteAsync();
        var second = await ReadByteAsync();
        long length = second & 0x7F;
        if (length == 126) length = (await ReadByteAsync() << 8) | await ReadByteAsync();
        else if (length == 127) for (var i = 0; i < 8; i++) length = (length << 8) | await ReadByteAsync();
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload);
        return new RawFrame(first & 0x0F, payload);
    }

    /// <summary>Sends one masked frame, as a client must.</summary>
    public async Task SendFrameAsync(int opcode, byte[] payload, bool fin = true)
    {
        var frame = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
        if (payload.Length < 126) frame.Add((byte)(0x80 | payload.Length));
        else { frame.Add(0x80 | 126); frame.Add((byte)(payload.Length >> 8)); frame.Add((byte)payload.Length); }
        var mask = RandomNumberGenerator.GetBytes(4);
        frame.AddRange(mask);
        frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
        await _stream.WriteAsync(frame.ToArray());
    }

    private async Task<byte> ReadByteAsync()
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one);
        return one[0];
    }

    private static bool EndsWithBlankLine(List<byte> b) =>
        b.Count >= 4 && b[^4] == '\r' && b[^3] == '\n' && b[^2] == '\r' && b[^1] == '\n';

    /// <inheritdoc />
    public void Dispose() => _tcp.Dispose();
}

