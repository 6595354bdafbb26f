using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Protocols.WebSockets.Chat;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class ChatMemberListTests
{
    [Fact]
    public async Task Joined_lists_at_most_50_names_in_order_and_counts_every_member()
    {
        const int members = ChatProtocol.MaxMembersListed + 5;
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxConnectionsPerClient = members + 1);
        var clients = new List<ClientWebSocket>();
        try
        {
            JsonElement last = default;
            var largest = 0;
            for (var i = 0; i < members; i++)
            {
                var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
                clients.Add(client);
                await client.SendTextAsync($$"""{"type":"join","room":"big","name":"m{{members - i:D3}}"}""");
                var received = await client.ReceiveAsync();
                largest = Math.Max(largest, received.Text.Length);
                last = JsonDocument.Parse(received.Text).RootElement.Clone();
            }

            Assert.Equal("joined", last.GetProperty("type").GetString());
            Assert.Equal(members, last.GetProperty("memberCount").GetInt32());
            var listed = last.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToList();
            var expected = Enumerable.Range(1, members).Select(n => $"m{n:D3}").Order(StringComparer.Ordinal).Take(ChatProtocol.MaxMembersListed);
            Assert.Equal(expected, listed);
            Assert.True(largest < 1024, $"a joined event of {largest} bytes");
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task A_small_room_lists_every_member_with_its_count()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var ada = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        using var bob = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        await ada.SendTextAsync("""{"type":"join","room":"lobby","name":"ada"}""");
        await ada.ReceiveAsync();

        await bob.SendTextAsync("""{"type":"join","room":"lobby","name":"bob"}""");
        var joined = JsonDocument.Parse((await bob.ReceiveAsync()).Text).RootElement;

        Assert.Equal(["ada", "bob"], joined.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(2, joined.GetProperty("memberCount").GetInt32());
    }

    [Fact]
    public async Task A_connection_in_16_rooms_is_refused_a_17th_and_may_join_again_after_leaving_one()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        for (var i = 0; i < ChatProtocol.MaxRoomsPerConnection; i++)
        {
            await client.SendTextAsync($$"""{"type":"join","room":"r{{i}}","name":"ada"}""");
            Assert.Contains("\"joined\"", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
        }

        await client.SendTextAsync("""{"type":"join","room":"one-more","name":"ada"}""");
        Assert.Contains("at most 16 rooms", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
        await client.SendTextAsync("""{"type":"leave","room":"r0"}""");
        Assert.Contains("\"left\"", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
        await client.SendTextAsync("""{"type":"join","room":"one-more","name":"ada"}""");
        Assert.Contains("\"joined\"", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
        await client.SendTextAsync("""{"type":"say","room":"one-more","text":"hi"}""");
        Assert.Contains("\"said\"", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
    }
}
