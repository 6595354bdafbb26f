using System.Text.Json.Serialization;

/// <summary>What the server sends: {"type":"join"|"leave"|"message","name":"Alice","text":"hi"}.</summary>
public sealed record ChatEvent(
    string Type,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null);
