using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Scaling;

namespace Workshop.Protocols.WebSockets.Chat;

/// <summary>Runs <c>chat.v1</c> connections over one <see cref="WebSocketHub"/>: join, say, leave.</summary>
internal sealed class ChatHub(TimeProvider timeProvider, ILogger<ChatHub> logger, IHubBackplane backplane, IRoomPresence presence)
{
    private const string Name = "chat";

    // Named "chat" on the backplane: chat rooms of the same name on every instance are one room.
    public WebSocketHub Hub { get; } = new(backplane, Name);

    public async Task RunAsync(WebSocketConnection connection, CancellationToken stopping)
    {
        try
        {
            await connection.RunAsync((message, token) => HandleAsync(connection, message, token), stopping);
        }
        finally
        {
            foreach (var member in Hub.LeaveAll(connection))
            {
                Hub.Broadcast(member.Room, ChatEvents.Left(member.Room, member.Name, timeProvider.GetUtcNow()));
                await presence.AnnounceAsync(Name, member.Room, LocalNames(member.Room));
            }
        }
    }

    private IReadOnlyList<string> LocalNames(string room) => [.. Hub.MembersOf(room).Select(m => m.Name)];

    private async ValueTask HandleAsync(WebSocketConnection connection, IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.Text is null)
        {
            connection.Close(WebSocketCloseStatus.InvalidMessageType, "chat.v1 uses JSON text frames");
            return;
        }
        var (command, error) = ChatCommandParser.Parse(message.Text);
        if (command is not null) error = await ApplyAsync(connection, command, cancellationToken);
        if (error is null) return;
        WebSocketLog.ChatRefused(logger, connection.Id, error.Code, error.Reason);
        connection.TrySend(ChatEvents.Error(error));
    }

    private async ValueTask<ChatError?> ApplyAsync(WebSocketConnection connection, ChatCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        switch (command.Type)
        {
            case "join":
                if (Hub.RoomCountOf(connection) >= ChatProtocol.MaxRoomsPerConnection && !Hub.IsMember(command.Room, connection))
                    return new ChatError("invalid", $"at most {ChatProtocol.MaxRoomsPerConnection} rooms per connection");
                if (!Hub.Join(command.Room, connection, command.Name!))
                    return new ChatError("invalid", $"already joined room '{command.Room}'");
                // Every instance's members (presence), as a bounded list (the first names in order) and the full
                // count: N joins cost O(N) bytes, not O(N²).
                var local = LocalNames(command.Room);
                await presence.AnnounceAsync(Name, command.Room, local);
                var members = await presence.ListAsync(Name, command.Room, local, cancellationToken);
                var listed = members.Order(StringComparer.Ordinal).Take(ChatProtocol.MaxMembersListed);
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
                await presence.AnnounceAsync(Name, command.Room, LocalNames(command.Room));
                return null;
        }
    }

    private static ChatError NotJoined(string room) => new("not_joined", $"join room '{room}' first");
}
