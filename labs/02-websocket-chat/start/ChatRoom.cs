using System.Collections.Concurrent;
using System.Text.Json;

/// <summary>Everyone connected to /ws/chat. Registered as a singleton: one room for the whole app.</summary>
public sealed class ChatRoom
{
    private readonly ConcurrentDictionary<ChatMember, byte> _members = new();

    public void Add(ChatMember member) => _members.TryAdd(member, 0);

    public void Remove(ChatMember member) => _members.TryRemove(member, out _);

    public void Broadcast(ChatEvent chatEvent)
    {
        var json = JsonSerializer.Serialize(chatEvent, JsonSerializerOptions.Web);
        // TODO 2 (broadcast): queue json for every member (member.Enqueue): never call SendAsync here.
        _ = json;
    }
}
