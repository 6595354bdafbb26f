using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Workshop.Testing;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>What an anonymous outside client has: a WebSocket client and a hand-made upgrade request over TCP.</summary>
internal static class WsAttacker
{
    /// <summary>The answer to one upgrade request: its status line and headers, and the body of a refusal.</summary>
    public sealed record Answer(int Status, string Head, string Body)
    {
        public JsonElement Problem => JsonDocument.Parse(Body).RootElement;

        public string? Header(string name) => Head.Split("\r\n")
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }

    public static Uri Ws(ProductionPlayground app, string pathAndQuery) =>
        new(new UriBuilder(app.BaseAddress) { Scheme = "ws" }.Uri, pathAndQuery);

    public static async Task<ClientWebSocket> ConnectAsync(ProductionPlayground app, string pathAndQuery, params string[] subProtocols)
    {
        var client = new ClientWebSocket();
        foreach (var p in subProtocols) client.Options.AddSubProtocol(p);
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(Ws(app, pathAndQuery), timeout.Token);
        return client;
    }

    /// <summary>
    /// One upgrade request by hand (asking the server to close after a refusal, so the body is read to the end).
    /// A 101 is returned as it is, and its socket closed: these tests only look at refusals.
    /// </summary>
    public static async Task<Answer> UpgradeAsync(ProductionPlayground app, string pathAndQuery)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nConnection: Upgrade, close\r\n" +
            $"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) throw new IOException("the server closed before answering");
            received.Write(buffer, 0, n);
        }
        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        if (status == 101) return new Answer(status, head, "");
        while (true)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            if (n == 0) break;
            received.Write(buffer, 0, n);
        }
        var rest = received.ToArray()[(headEnd + 4)..];
        var body = head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(rest) : Encoding.UTF8.GetString(rest);
        return new Answer(status, head, body);
    }

    private static int IndexOfBlankLine(MemoryStream received)
    {
        var bytes = received.GetBuffer().AsSpan(0, (int)received.Length);
        return bytes.IndexOf("\r\n\r\n"u8);
    }

    private static string Unchunk(byte[] chunked)
    {
        var text = Encoding.UTF8.GetString(chunked);
        var body = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(text[at..lineEnd].Split(';')[0], 16);
            if (size == 0) return body.ToString();
            body.Append(text, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    public static Task SendTextAsync(this WebSocket socket, string text, CancellationToken token = default) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, token);

    /// <summary>Reads whole messages until the server's close frame (returned) or the deadline.</summary>
    public static async Task<(WebSocketCloseStatus? Status, string? Reason, List<string> Messages)> ReadUntilCloseAsync(WebSocket socket, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Eventually.DefaultTimeout);
        var messages = new List<string>();
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return (result.CloseStatus, result.CloseStatusDescription, messages);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            messages.Add(Encoding.UTF8.GetString(message.ToArray()));
            message.SetLength(0);
        }
    }

    /// <summary>The next whole text message.</summary>
    public static async Task<string> ReceiveTextAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new IOException($"closed {result.CloseStatus}: {result.CloseStatusDescription}");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
