using System.Net.WebSockets;
using Workshop.Testing;
using Workshop.Testing.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class ConnectionCapTests
{
    [Fact]
    public async Task A_client_over_its_connection_cap_is_refused_with_429_and_a_reason_before_the_upgrade()
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxConnectionsPerClient = 2);
        using var first = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        using var second = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1"); // the cap spans every endpoint

        using var refused = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo");

        Assert.Equal(429, refused.Status);
        Assert.Contains("\"reason\":\"too-many-connections\"", refused.Body, StringComparison.Ordinal);
        Assert.Contains("Retry-After:", refused.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, server.Acceptor.OpenConnections);
    }

    [Fact]
    public async Task A_full_server_refuses_with_503_server_full_and_retry_after()
    {
        await using var server = await WebSocketTestServer.StartAsync(o =>
        {
            o.MaxConnections = 1;
            o.ConnectionRetryAfter = TimeSpan.FromSeconds(7);
        });
        using var only = await WsClient.ConnectAsync(server.Ws("/ws/echo"));

        using var refused = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo");

        Assert.Equal(503, refused.Status);
        Assert.Contains("\"reason\":\"server-full\"", refused.Body, StringComparison.Ordinal);
        Assert.Contains("Retry-After: 7", refused.Head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_closed_connection_frees_its_slot()
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxConnectionsPerClient = 1);
        var first = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        await first.ReceiveAsync(); // Welcome!

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        first.Dispose();
        await Eventually.HoldsAsync(() => server.Acceptor.OpenConnections == 0, "the slot released");

        using var again = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        Assert.Equal("Welcome!", (await again.ReceiveAsync()).Text);
    }

    [Fact]
    public async Task A_connection_that_vanishes_without_a_close_frees_its_slot()
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxConnectionsPerClient = 1);
        var first = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");

        first.Abort(); // TCP gone, no close frame
        first.Dispose();
        await Eventually.HoldsAsync(() => server.Acceptor.OpenConnections == 0, "the slot released");

        using var again = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        Assert.Equal(WebSocketState.Open, again.State);
    }

    [Fact]
    public async Task Refusals_that_come_first_take_no_slot()
    {
        await using var server = await WebSocketTestServer.StartAsync(o => o.MaxConnectionsPerClient = 1);
        using var plain = new HttpClient { BaseAddress = server.HttpAddress };
        for (var i = 0; i < 3; i++)
            Assert.Equal(System.Net.HttpStatusCode.UpgradeRequired, (await plain.GetAsync(new Uri("/ws/echo", UriKind.Relative))).StatusCode);
        using var foreign = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo", "Origin: https://evil.example");
        Assert.Equal(403, foreign.Status);

        using var accepted = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        Assert.Equal(1, server.Acceptor.OpenConnections);
    }

    [Theory]
    [InlineData("MaxConnections")]
    [InlineData("MaxConnectionsPerClient")]
    [InlineData("MessageBurst")]
    [InlineData("MessagesPerSecond")]
    public async Task A_limit_that_is_not_positive_stops_the_server_at_start(string limit)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => WebSocketTestServer.StartAsync(o =>
        {
            switch (limit)
            {
                case "MaxConnections": o.MaxConnections = 0; break;
                case "MaxConnectionsPerClient": o.MaxConnectionsPerClient = -1; break;
                case "MessageBurst": o.MessageBurst = 0; break;
                default: o.MessagesPerSecond = 0; break;
            }
        }));
        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
    }
}
