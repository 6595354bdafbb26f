using System.Net.WebSockets;
using System.Text;

namespace Workshop.Protocols.WebSockets;

/// <summary>
/// A message ready to send: its bytes are encoded once and may be shared by every client of a broadcast.
/// </summary>
/// <param name="Payload">The encoded bytes (UTF-8 for text); never mutated after creation.</param>
/// <param name="Type">Text or binary.</param>
public readonly record struct OutboundMessage(ReadOnlyMemory<byte> Payload, WebSocketMessageType Type)
{
    /// <summary>A text message, encoded to UTF-8 once.</summary>
    public static OutboundMessage Text(string text) => new(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>A text message from bytes that are already valid UTF-8.</summary>
    public static OutboundMessage Utf8(ReadOnlyMemory<byte> utf8) => new(utf8, WebSocketMessageType.Text);

    /// <summary>A binary message.</summary>
    public static OutboundMessage Binary(ReadOnlyMemory<byte> data) => new(data, WebSocketMessageType.Binary);
}
