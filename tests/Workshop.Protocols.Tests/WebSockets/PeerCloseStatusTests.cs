using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.WebSockets;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.WebSockets;

/// <summary><see cref="WebSocketConnection.PeerCloseStatus"/> tells a goodbye (1000) from a reload (1001) and a vanish.</summary>
public sealed class PeerCloseStatusTests
{
    private static (WebSocketConnection Connection, WebSocket Client, Task Run) Start()
    {
        var (server, client) = InMemoryWebSocketPair.Create();
        var options = new RealtimeWebSocketOptions { CloseTimeout = TimeSpan.FromSeconds(5) };
        var connection = new WebSocketConnection(server, options, new FakeTimeProvider(), NullLogger.Instance, CancellationToken.None);
        return (connection, client, connection.RunAsync((_, _) => ValueTask.CompletedTask, CancellationToken.None));
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.NormalClosure)]
    [InlineData(WebSocketCloseStatus.EndpointUnavailable)]
    public async Task The_status_of_the_peers_close_frame_is_kept_after_the_connection_ends(WebSocketCloseStatus status)
    {
        var (connection, client, run) = Start();
        Assert.Null(connection.PeerCloseStatus);

        await client.CloseOutputAsync(status, "bye", CancellationToken.None);
        await Eventually.WithinAsync(run, "the connection to end after the peer's close");

        Assert.Equal(status, connection.PeerCloseStatus);
        client.Dispose();
    }

    [Fact]
    public async Task A_peer_that_vanishes_without_a_close_frame_leaves_no_peer_close_status()
    {
        var (connection, client, run) = Start();

        client.Abort();
        client.Dispose();
        await Eventually.WithinAsync(run, "the connection to end when its peer vanished");

        Assert.Null(connection.PeerCloseStatus);
        // The connection's own status says "closed" either way: that is why the peer's is kept apart.
        Assert.NotNull(connection.CloseStatus);
    }
}
