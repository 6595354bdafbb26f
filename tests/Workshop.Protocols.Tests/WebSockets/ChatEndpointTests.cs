using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Testing.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class ChatEndpointTests
{
    [Fact]
    public async Task Chat_negotiates_the_chat_v1_subprotocol()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "other.v9", "chat.v1");
        Assert.Equal("chat.v1", client.SubProtocol);
    }

    [Fact]
    public async Task Chat_accepts_a_client_offering_no_subprotocol_and_speaks_chat_v1_to_it()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"));
        Assert.Null(client.SubProtocol);
        await client.SendTextAsync("""{"type":"join","room":"lobby","name":"ada"}""");
        Assert.Equal("joined", Json(await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Chat_refuses_a_client_offering_only_other_subprotocols_with_400_and_a_reason()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var refused = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/chat", "Sec-WebSocket-Protocol: chat.v2, other");

        Assert.Equal(400, refused.Status);
        Assert.Contains("chat.v1", refused.Body, StringComparison.Ordinal);
        Assert.Contains("chat.v2", refused.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"unsupported-subprotocol\"", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_clients_in_a_room_see_joins_messages_and_leaves()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var ada = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        using var bob = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");

        await ada.SendTextAsync("""{"type":"join","room":"lobby","name":"ada"}""");
        Assert.Equal("joined", Json(await ada.ReceiveAsync()).GetProperty("type").GetString());
        await bob.SendTextAsync("""{"type":"join","room":"lobby","name":"bob"}""");
        var bobJoined = Json(await bob.ReceiveAsync());
        Assert.Equal(["ada", "bob"], bobJoined.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("bob", Json(await ada.ReceiveAsync()).GetProperty("name").GetString());

        await bob.SendTextAsync("""{"type":"say","room":"lobby","text":"<b>hi</b>"}""");
        var said = Json(await ada.ReceiveAsync());
        Assert.Equal(("said", "bob", "<b>hi</b>", "lobby"),
            (said.GetProperty("type").GetString(), said.GetProperty("name").GetString(), said.GetProperty("text").GetString(), said.GetProperty("room").GetString()));
        Assert.True(said.TryGetProperty("at", out _));
        Assert.Equal("said", Json(await bob.ReceiveAsync()).GetProperty("type").GetString());

        await bob.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        var left = Json(await ada.ReceiveAsync());
        Assert.Equal(("left", "bob"), (left.GetProperty("type").GetString(), left.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("{not json", "bad_json")]
    [InlineData("[1,2]", "bad_json")]
    [InlineData("""{"type":"shout","room":"lobby"}""", "unknown_type")]
    [InlineData("""{"type":"say","room":"lobby","text":"hi"}""", "not_joined")]
    [InlineData("""{"type":"leave","room":"lobby"}""", "not_joined")]
    [InlineData("""{"type":"join","room":"no spaces!","name":"ada"}""", "invalid")]
    [InlineData("""{"type":"join","room":"lobby","name":""}""", "invalid")]
    [InlineData("""{"type":"join","room":"lobby"}""", "invalid")]
    public async Task Bad_commands_get_an_error_event_and_the_connection_stays_usable(string frame, string code)
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");

        await client.SendTextAsync(frame);
        var error = Json(await client.ReceiveAsync());
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));

        await client.SendTextAsync("""{"type":"join","room":"lobby","name":"ada"}""");
        Assert.Equal("joined", Json(await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_binary_frame_on_chat_closes_with_1003()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        await client.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await client.ReceiveCloseAsync()).CloseStatus);
    }

    private static JsonElement Json(WsClient.Received received)
    {
        Assert.Equal(WebSocketMessageType.Text, received.Type);
        using var document = JsonDocument.Parse(received.Text);
        return document.RootElement.Clone();
    }
}
