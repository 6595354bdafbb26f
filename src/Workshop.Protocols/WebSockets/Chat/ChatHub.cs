using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>Runs <c>chat.v1</c> connections over one <see cref="WebSocketHub"/>: join, say, leave.</summary>
internal sealed class ChatHub(TimeProvider timeProvider, ILogger<ChatHub> logger, IHubBackplane backplane)
{
    // Named "chat" on the backplane: chat rooms of the same name on every instance are one room.
    public WebSocketHub Hub { get; } = new(backplane, "chat");

    public async Task RunAsync(WebSocketConnection connection, CancellationToken stopping)
    {
        try
        {
            await connection.RunAsync((message, _) =>
            {
                Handle(connection, message);
                return ValueTask.CompletedTask;
            }, stopping);
        }
        finally
        {
            foreach (var member in Hub.LeaveAll(connection))
                Hub.Broadcast(member.Room, ChatEvents.Left(member.Room, member.Name, timeProvider.GetUtcNow()));
        }
    }

    private void Handle(WebSocketConnection connection, IncomingMessage message)
    {
        if (message.Text is null)
        {
            connection.Close(WebSocketCloseStatus.InvalidMessageType, "chat.v1 uses JSON text frames");
            return;
        }
        var (command, error) = ChatCommandParser.Parse(message.Text);
        if (command is not null) error = Apply(connection, command);
        if (error is null) return;
        WebSocketLog.ChatRefused(logger, connection.Id, error.Code, error.Reason);
        connection.TrySend(ChatEvents.Error(error));
    }

    private ChatError? Apply(WebSocketConnection connection, ChatCommand command)
    {
        var now = timeProvider.GetUtcNow();
        switch (command.Type)
        {
            case "join":
                if (Hub.RoomCountOf(connection) >= ChatProtocol.MaxRoomsPerConnection && !Hub.IsMember(command.Room, connection))
                    return new ChatError("invalid", $"at most {ChatProtocol.MaxRoomsPerConnection} rooms per connection");
                if (!Hub.Join(command.Room, connection, command.Name!))
                    return new ChatError("invalid", $"already joined room '{command.Room}'");
                // A bounded list (the first names in order) and the full count: N joins cost O(N) bytes, not O(N²).
                var members = Hub.MembersOf(command.Room);
                var listed = members.Select(m => m.Name).Order(StringComparer.Ordinal).Take(ChatProtocol.MaxMembersListed);
                Hub.Broadcast(command.Room, ChatEvents.Joined(command.Room, command.Name!, listed, members.Count, now));
                return null;
            case "say":
                var speaker = Hub.MembershipOf(command.Room, connection);
                if (speaker is null) return NotJoined(command.Room);
                Hub.Broadcast(command.Room, ChatEvents.Said(command.Room, speaker.Name, command.Text!, now));
                return null;
            default:
                var left = Hub.Leave(command.Room, connection);
                if (left is null) return NotJoined(command.Room);
                var message = ChatEvents.Left(command.Room, left.Name, now);
                connection.TrySend(message); // the leaver gets its confirmation too
                Hub.Broadcast(command.Room, message);
                return null;
        }
    }

    private static ChatError NotJoined(string room) => new("not_joined", $"join room '{room}' first");
}
