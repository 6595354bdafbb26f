using System.Net.WebSockets;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>Issue 11, item 9: many joins cannot make every joined event carry the whole room (O(N²) bytes).</summary>
public sealed class ChatJoinAmplificationAttackTests
{
    [Fact]
    public async Task Joined_events_stay_bounded_however_many_members_join_a_room()
    {
        const int joins = 90;
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["WebSockets:MaxConnectionsPerClient"] = "100" });
        var sockets = new List<ClientWebSocket>();
        try
        {
            var largest = 0;
            JsonElement last = default;
            for (var i = 0; i < joins; i++)
            {
                var socket = await WsAttacker.ConnectAsync(app, "/ws/chat", "chat.v1");
                sockets.Add(socket);
                var name = $"{i:D3}" + new string('n', 29); // the longest name allowed, 32 characters
                await socket.SendTextAsync($$"""{"type":"join","room":"amplify","name":"{{name}}"}""");
                var joined = await WsAttacker.ReceiveTextAsync(socket);
                largest = Math.Max(largest, joined.Length);
                last = JsonDocument.Parse(joined).RootElement.Clone();
            }

            Assert.Equal(joins, last.GetProperty("memberCount").GetInt32());
            Assert.Equal(50, last.GetProperty("members").GetArrayLength());
            // 50 names of 32 characters and the envelope; the full list of 90 would be over 3 KB.
            Assert.True(largest <= 50 * 35 + 200, $"a joined event of {largest} bytes");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
