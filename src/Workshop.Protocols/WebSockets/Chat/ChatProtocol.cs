namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>Names and limits of the <c>chat.v1</c> protocol (JSON text frames; commands are verbs, events past tense).</summary>
public static class ChatProtocol
{
    /// <summary>The WebSocket subprotocol name.</summary>
    public const string SubProtocol = "chat.v1";

    /// <summary>Longest room name; rooms use letters, digits, '-', '_' and '.'.</summary>
    public const int MaxRoomLength = 40;

    /// <summary>Longest display name.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Longest message text.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>How many rooms one connection may be in at once.</summary>
    public const int MaxRoomsPerConnection = 16;

    /// <summary>
    /// Most names a <c>joined</c> event lists in <c>members</c> (the first ones in ordinal order); its
    /// <c>memberCount</c> always gives the room's full size. Bounds every event at a few kilobytes however big the room.
    /// </summary>
    public const int MaxMembersListed = 50;
}
