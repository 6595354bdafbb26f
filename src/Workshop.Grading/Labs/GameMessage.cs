using System.Text.Json;

namespace Workshop.Grading.Labs;

/// <summary>A lab 09 server message, read leniently (missing fields are null): welcome, state or error.</summary>
internal sealed record GameMessage(string? Type, string? Seat, string? Token, string? Board, string? Turn, string? Status, string? Winner, string? Gone, string? Reason)
{
    public static GameMessage? Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? Get(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new GameMessage(Get("type"), Get("seat"), Get("token"), Get("board"), Get("turn"), Get("status"), Get("winner"), Get("gone"), Get("reason"));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
