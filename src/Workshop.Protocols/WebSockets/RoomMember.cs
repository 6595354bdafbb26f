namespace Workshop.Protocols.WebSockets;

/// <summary>A connection's membership of one room of a <see cref="WebSocketHub"/>.</summary>
/// <param name="Room">The room's name.</param>
/// <param name="Name">The member's display name (or role) in that room.</param>
/// <param name="Connection">The member's connection.</param>
public sealed record RoomMember(string Room, string Name, WebSocketConnection Connection);
