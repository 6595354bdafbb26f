using System.Net.WebSockets;
using System.Text;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.WebSockets;

/// <summary>Small helpers over <see cref="ClientWebSocket"/> for the tests: connect, send text, receive a whole message.</summary>
internal static class WsClient
{
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, params string[] subProtocols)
    {
        var client = new ClientWebSocket();
        foreach (var p in subProtocols) client.Options.AddSubProtocol(p);
        client.Options.CollectHttpResponseDetails = true;
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(uri, timeout.Token);
        return client;
    }

    public static Task SendTextAsync(this WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next whole message, or the close (Type = Close, with the status) - within the default deadline.</summary>
    public static async Task<Received> ReceiveAsync(this WebSocket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return new Received(result.MessageType, "", result.CloseStatus, result.CloseStatusDescription);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return new Received(result.MessageType, Encoding.UTF8.GetString(message.ToArray()), null, null);
        }
    }

    /// <summary>Reads until the server's close frame arrives; returns it.</summary>
    public static async Task<Received> ReceiveCloseAsync(this WebSocket socket, TimeSpan? timeout = null)
    {
        while (true)
        {
            var received = await socket.ReceiveAsync(timeout);
            if (received.Type == WebSocketMessageType.Close) return received;
        }
    }

    public sealed record Received(WebSocketMessageType Type, string Text, WebSocketCloseStatus? CloseStatus, string? CloseReason);
}
