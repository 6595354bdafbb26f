using System.Text.Json;

namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>Parses and validates one client frame; bad input becomes a <see cref="ChatError"/>, never an exception.</summary>
internal static class ChatCommandParser
{
    public static (ChatCommand? Command, ChatError? Error) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail("bad_json", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("bad_json", "expected a JSON object");
            if (!TryString(root, "type", out var type)) return Fail("invalid", "missing string field 'type'");
            if (type is not ("join" or "say" or "leave"))
                return Fail("unknown_type", $"unknown type '{Truncate(type)}'; expected join, say or leave");
            if (!TryString(root, "room", out var room)) return Fail("invalid", "missing string field 'room'");
            if (!IsValidRoom(room))
                return Fail("invalid", $"room must be 1-{ChatProtocol.MaxRoomLength} letters, digits, '-', '_' or '.'");

            switch (type)
            {
                case "join":
                    if (!TryString(root, "name", out var name)) return Fail("invalid", "missing string field 'name'");
                    name = name.Trim();
                    if (name.Length is 0 or > ChatProtocol.MaxNameLength || name.Any(char.IsControl))
                        return Fail("invalid", $"name must be 1-{ChatProtocol.MaxNameLength} characters without control characters");
                    return (new ChatCommand(type, room, Name: name), null);
                case "say":
                    if (!TryString(root, "text", out var text)) return Fail("invalid", "missing string field 'text'");
                    if (text.Length is 0 or > ChatProtocol.MaxTextLength)
                        return Fail("invalid", $"text must be 1-{ChatProtocol.MaxTextLength} characters");
                    return (new ChatCommand(type, room, Text: text), null);
                default:
                    return (new ChatCommand(type, room), null);
            }
        }
    }

    internal static bool IsValidRoom(string room) =>
        room.Length is > 0 and <= ChatProtocol.MaxRoomLength
        && room.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool TryString(JsonElement root, string field, out string value)
    {
        if (root.TryGetProperty(field, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }
        value = string.Empty;
        return false;
    }

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "…";

    private static (ChatCommand?, ChatError?) Fail(string code, string reason) => (null, new ChatError(code, reason));
}
