using System.Diagnostics;
using System.Net.WebSockets;
using Workshop.Testing;
using Workshop.Testing.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class ConnectionBehaviourTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_1008_while_the_others_keep_receiving()
    {
        await using var server = await WebSocketTestServer.StartAsync(o =>
        {
            o.SendQueueCapacity = 8;
            o.CloseTimeout = TimeSpan.FromSeconds(10);
            o.MessageBurst = 10_000; // the reader sends as fast as it can: this test is about the stalled one, not rates
        });
        using var reader = await WsClient.ConnectAsync(server.Ws("/ws/room"));
        using var stalled = await WsClient.ConnectAsync(server.Ws("/ws/room"));
        await Eventually.HoldsAsync(() => server.RoomHub.MembersOf("r").Count == 2, "both clients are in the room");
        var payload = new string('x', 32 * 1024);

        // The stalled client never reads: its TCP buffers fill, then its queue; the reader gets every message meanwhile.
        var sent = 0;
        while (!StalledIsClosing(server))
        {
            Assert.True(sent < 4000, "the stalled client was never dropped");
            await reader.SendTextAsync(payload);
            Assert.Equal(payload.Length, (await reader.ReceiveAsync()).Text.Length);
            sent++;
        }

        await reader.SendTextAsync("still here");
        Assert.Equal("still here", (await reader.ReceiveAsync()).Text);
        // Once it reads again, the stalled client drains what was in flight and finds the policy close.
        var close = await stalled.ReceiveCloseAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
    }

    private static bool StalledIsClosing(WebSocketTestServer server) =>
        server.RoomHub.MembersOf("r").Count < 2 || server.RoomHub.MembersOf("r").Any(m => m.Connection.IsClosing);

    [Fact]
    public async Task A_half_open_peer_that_never_answers_pings_is_dropped_within_interval_plus_timeout()
    {
        var interval = TimeSpan.FromMilliseconds(300);
        var timeout = TimeSpan.FromMilliseconds(700);
        await using var server = await WebSocketTestServer.StartAsync(o =>
        {
            o.KeepAliveInterval = interval;
            o.KeepAliveTimeout = timeout;
        });
        using var healthy = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        Assert.Equal("Welcome!", (await healthy.ReceiveAsync()).Text);
        // A pending receive is what lets ClientWebSocket answer the server's pings.
        var healthyNext = healthy.ReceiveAsync();
        using var silent = await RawWebSocketClient.HandshakeAsync(server.HttpAddress, "/ws/echo");
        Assert.Equal(101, silent.Status);
        var clock = Stopwatch.StartNew();

        var opcodes = await Eventually.WithinAsync(silent.ReadFramesUntilDroppedAsync(), "the server to drop the silent peer");

        clock.Stop();
        Assert.Contains(0x9, opcodes); // it was pinged...
        Assert.DoesNotContain(0x8, opcodes); // ...and dropped by the keep-alive timeout, not closed politely
        // Generous slack for a loaded machine, still far below "never" (the default would be 25 s).
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, interval + timeout + TimeSpan.FromSeconds(3));
        // A peer that answers pings outlived the same interval + timeout and still talks.
        await healthy.SendTextAsync("still alive");
        Assert.Equal("still alive", (await healthyNext).Text);
    }

    [Fact]
    public async Task Stopping_the_server_closes_every_socket_with_1001()
    {
        var server = await WebSocketTestServer.StartAsync();
        using var echo = await WsClient.ConnectAsync(server.Ws("/ws/echo"));
        using var chat = await WsClient.ConnectAsync(server.Ws("/ws/chat"), "chat.v1");
        await echo.ReceiveAsync();

        var stopping = server.DisposeAsync().AsTask();
        var echoClose = await echo.ReceiveCloseAsync();
        var chatClose = await chat.ReceiveCloseAsync();
        await echo.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await chat.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await Eventually.WithinAsync(stopping, "the server to stop");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, echoClose.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, chatClose.CloseStatus);
    }
}
