using System.Net.WebSockets;

namespace Workshop.Protocols.WebSockets;

/// <summary>A complete message received from a peer, assembled across its fragments.</summary>
public sealed class IncomingMessage
{
    internal IncomingMessage(WebSocketMessageType type, ReadOnlyMemory<byte> data, string? text)
    {
        Type = type;
        Data = data;
        Text = text;
    }

    /// <summary>Text or binary.</summary>
    public WebSocketMessageType Type { get; }

    /// <summary>The raw bytes of the message (for text: its UTF-8 encoding, already validated).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The decoded text of a text message; <see langword="null"/> for binary.</summary>
    public string? Text { get; }
}
