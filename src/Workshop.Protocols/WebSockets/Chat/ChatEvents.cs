using System.Buffers;
using System.Text.Json;

namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>Encodes server events once, as UTF-8 JSON ready to share across every recipient.</summary>
internal static class ChatEvents
{
    public static OutboundMessage Joined(string room, string name, IEnumerable<string> members, int memberCount, DateTimeOffset at) =>
        Write(w =>
        {
            w.WriteString("type", "joined");
            w.WriteString("room", room);
            w.WriteString("name", name);
            w.WriteStartArray("members");
            foreach (var member in members) w.WriteStringValue(member);
            w.WriteEndArray();
            w.WriteNumber("memberCount", memberCount);
            w.WriteString("at", at);
        });

    public static OutboundMessage Said(string room, string name, string text, DateTimeOffset at) =>
        Write(w =>
        {
            w.WriteString("type", "said");
            w.WriteString("room", room);
            w.WriteString("name", name);
            w.WriteString("text", text);
            w.WriteString("at", at);
        });

    public static OutboundMessage Left(string room, string name, DateTimeOffset at) =>
        Write(w =>
        {
            w.WriteString("type", "left");
            w.WriteString("room", room);
            w.WriteString("name", name);
            w.WriteString("at", at);
        });

    public static OutboundMessage Error(ChatError error) =>
        Write(w =>
        {
            w.WriteString("type", "error");
            w.WriteString("code", error.Code);
            w.WriteString("reason", error.Reason);
        });

    private static OutboundMessage Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return OutboundMessage.Utf8(buffer.WrittenMemory);
    }
}
