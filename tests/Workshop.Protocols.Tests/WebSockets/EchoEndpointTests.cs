using System.Net;
using System.Net.WebSockets;
using System.Text;
using Workshop.Testing;
using Workshop.Testing.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class EchoEndpointTests
{
    [Fact]
    public async Task Echo_sends_Welcome_first_then_echoes_each_text_message()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/echo"));

        Assert.Equal("Welcome!", (await client.ReceiveAsync()).Text);
        await client.SendTextAsync("hello");
        Assert.Equal("hello", (await client.ReceiveAsync()).Text);
        await client.SendTextAsync("héllo wörld ✓");
        Assert.Equal("héllo wörld ✓", (await client.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task Echo_assembles_a_message_sent_in_fragments_before_answering()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        await client.ReceiveAsync();

        // "é" split across two frames: decoding each fragment on its own would corrupt it.
        var bytes = Encoding.UTF8.GetBytes("part-é-end");
        await client.SendAsync(bytes.AsMemory(0, 6), WebSocketMessageType.Text, false, CancellationToken.None);
        await client.SendAsync(bytes.AsMemory(6), WebSocketMessageType.Text, true, CancellationToken.None);

        var echoed = await client.ReceiveAsync();
        Assert.Equal("part-é-end", echoed.Text);
    }

    [Fact]
    public async Task Echo_answers_empty_messages_and_messages_larger_than_one_receive_buffer()
    {
        // A message starts in a small buffer of the connection's own and continues in a rented one: an empty message
        // must still count as a message, and a 40 KB one spans the small buffer and several 16 KiB receives.
        await using var server = await WebSocketTestServer.StartAsync();
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        await client.ReceiveAsync();

        await client.SendTextAsync("");
        await client.SendTextAsync("");
        Assert.Equal("", (await client.ReceiveAsync()).Text);
        Assert.Equal("", (await client.ReceiveAsync()).Text);
        var large = string.Concat(Enumerable.Range(0, 4000).Select(i => $"{i:D9},"));
        await client.SendTextAsync(large);
        Assert.Equal(large, (await client.ReceiveAsync()).Text);
        await client.SendTextAsync("after");
        Assert.Equal("after", (await client.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009_and_a_reason()
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxMessageBytes = 1024);
        using var client = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        await client.ReceiveAsync();

        await client.SendTextAsync(new string('a', 700)); // under the limit: echoed
        Assert.Equal(700, (await client.ReceiveAsync()).Text.Length);
        // Over the limit only once assembled: two 600-byte fragments of one message.
        var half = Encoding.UTF8.GetBytes(new string('b', 600));
        await client.SendAsync(half, WebSocketMessageType.Text, false, CancellationToken.None);
        await client.SendAsync(half, WebSocketMessageType.Text, true, CancellationToken.None);

        var close = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, close.CloseStatus);
        Assert.Contains("1024", close.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_message_closes_with_1007()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        // A raw client that never answers the close: the framework's socket sends 1007 and drops the connection at
        // once, so a client that replies to the close can meet a reset before it reads the frame.
        using var client = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo");

        await client.SendFrameAsync(0x1, [0x68, 0xC3, 0x28, 0xFF]);

        var frames = await Eventually.WithinAsync(client.ReadFrameListUntilDroppedAsync(), "the server to close after the invalid text");
        var close = Assert.Single(frames, f => f.Opcode == 0x8);
        Assert.Equal((int)WebSocketCloseStatus.InvalidPayloadData, close.CloseCode);
        // The framework's socket validates text frames itself and answers first (empty reason); the library's strict
        // decoder is the second line (see MessageAssemblerTests). Either way the peer gets 1007.
    }

    [Fact]
    public async Task A_plain_http_request_gets_426_with_an_upgrade_header_and_a_problem_body()
    {
        await using var server = await WebSocketTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.HttpAddress };

        var response = await http.GetAsync("/ws/echo");

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("websocket", response.Headers.Upgrade.Single().Name);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("WebSocket endpoint", body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"upgrade-required\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_with_403_before_the_upgrade()
    {
        await using var server = await WebSocketTestServer.StartAsync();

        using var refused = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo", "Origin: https://evil.example");

        Assert.Equal(403, refused.Status);
        Assert.Contains("application/problem+json", refused.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://evil.example", refused.Body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"origin-not-allowed\"", refused.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)] // no Origin: a non-browser client
    [InlineData("self")] // the request's own scheme and host
    [InlineData("https://trusted.example")] // on the allow-list
    public async Task Allowed_origins_get_the_upgrade(string? origin)
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.AllowedOrigins.Add("https://trusted.example"));
        var self = $"http://{server.HttpAddress.Authority}";
        string[] headers = origin is null ? [] : [$"Origin: {(origin == "self" ? self : origin)}"];

        using var accepted = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo", headers);

        Assert.Equal(101, accepted.Status);
    }
}
