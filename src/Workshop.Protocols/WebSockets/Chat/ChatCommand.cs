namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>A parsed client command: <c>join</c> (with Name), <c>say</c> (with Text) or <c>leave</c>.</summary>
internal sealed record ChatCommand(string Type, string Room, string? Name = null, string? Text = null);

/// <summary>Why a command was refused: <c>bad_json</c>, <c>unknown_type</c>, <c>not_joined</c> or <c>invalid</c>.</summary>
internal sealed record ChatError(string Code, string Reason);
