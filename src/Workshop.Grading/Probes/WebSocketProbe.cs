using System.Net.WebSockets;
using System.Text;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>Small client-side helpers for the WebSocket checks.</summary>
public static class WebSocketProbe
{
    /// <summary>Connects to <paramref name="uri"/>; throws with the handshake's status when it is refused.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, CancellationToken cancellationToken, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        TranscriptRecorder.Add(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest,
            $"GET {uri.PathAndQuery} (WebSocket upgrade){(origin is null ? "" : " Origin: " + origin)}");
        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            TranscriptRecorder.Add(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, "101 Switching Protocols");
            return socket;
        }
        catch (WebSocketException e)
        {
            var status = (int)socket.HttpStatusCode;
            TranscriptRecorder.Add(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, status == 0 ? $"no handshake: {e.Message}" : $"{status} (handshake refused)");
            socket.Dispose();
            throw new InvalidOperationException($"the WebSocket handshake to {uri.AbsolutePath} failed (HTTP {status}): {e.Message}", e);
        }
    }

    /// <summary>
    /// Receives one whole text message (assembled until EndOfMessage), or null when the server closed instead.
    /// </summary>
    public static async Task<string?> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        var pieces = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                TranscriptRecorder.Add(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.WebSocketFrame, WebSocketFrames.Close(socket.CloseStatus, socket.CloseStatusDescription));
                return null;
            }
            message.Write(buffer, 0, result.Count);
            pieces++;
            if (result.EndOfMessage)
            {
                var text = Encoding.UTF8.GetString(message.ToArray());
                // ClientWebSocket hides frame boundaries: a message read in several pieces says so.
                TranscriptRecorder.Add(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.WebSocketFrame,
                    WebSocketFrames.Data(result.MessageType == WebSocketMessageType.Binary ? "binary" : "text", text, message.Length, fin: true, pieces, "reads"));
                return text;
            }
        }
    }

    /// <summary>Receives until a message satisfies <paramref name="match"/>; returns it, or null when the socket closed.</summary>
    public static async Task<string?> ReceiveUntilAsync(WebSocket socket, Func<string, bool> match, List<string> seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await ReceiveTextAsync(socket, cancellationToken);
            if (text is null) return null;
            seen.Add(text);
            if (match(text)) return text;
        }
    }

    /// <summary>Sends one text message, optionally split into frames of <paramref name="frameSize"/> bytes.</summary>
    public static async Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken, int frameSize = int.MaxValue)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var frames = Math.Max(1, (int)Math.Ceiling(bytes.Length / (double)Math.Min(frameSize, Math.Max(1, bytes.Length))));
        TranscriptRecorder.Add(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.WebSocketFrame, WebSocketFrames.Data("text", text, bytes.Length, fin: true, frames));
        var offset = 0;
        do
        {
            var count = Math.Min(frameSize, bytes.Length - offset);
            await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, cancellationToken);
            offset += count;
        }
        while (offset < bytes.Length);
    }

    /// <summary>A short description of a message for "observed" texts (long messages are cut).</summary>
    public static string Describe(string? text) => text is null ? "(the server closed the connection)"
        : text.Length > 80 ? $"\"{text[..60]}…\" ({text.Length} chars)" : $"\"{text}\"";
}
