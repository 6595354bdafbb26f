using System.Text.Json;

/// <summary>What POST /api/events takes.</summary>
public sealed record NewEvent(string? Url, string? Type, JsonElement? Data);
