using System.Net.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.WebSockets;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class WebSocketConnectionTests
{
    private static readonly OutboundMessage Kilobyte = OutboundMessage.Text(new string('k', 1024));

    private static (WebSocketConnection Connection, WebSocket Client, Task Run, FakeTimeProvider Time) Start(int queue = 4)
    {
        var (server, client) = InMemoryWebSocketPair.Create();
        var time = new FakeTimeProvider();
        var options = new RealtimeWebSocketOptions { SendQueueCapacity = queue, CloseTimeout = TimeSpan.FromSeconds(5) };
        var connection = new WebSocketConnection(server, options, time, NullLogger.Instance, CancellationToken.None);
        var run = connection.RunAsync((_, _) => ValueTask.CompletedTask, CancellationToken.None);
        return (connection, client, run, time);
    }

    [Fact]
    public async Task A_full_queue_closes_with_1008_without_blocking_and_the_close_is_bounded_by_the_close_timeout()
    {
        var (connection, client, run, time) = Start(queue: 4);

        // The client reads nothing: the send loop blocks on the first frames, then the queue fills.
        var accepted = 0;
        while (connection.TrySend(Kilobyte))
        {
            accepted++;
            Assert.True(accepted < 100, "the queue never overflowed");
            await Task.Yield();
        }

        Assert.True(connection.IsClosing);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, connection.CloseStatus);
        Assert.False(connection.TrySend(Kilobyte)); // released: nothing more is queued to it
        Assert.False(run.IsCompleted); // still trying to deliver the close to a peer that does not read...
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.WithinAsync(run, "the connection to give up after the close timeout"); // ...then aborted
        client.Dispose();
    }

    [Fact]
    public async Task A_peer_that_reads_but_never_answers_our_close_is_aborted_after_the_close_timeout()
    {
        var (connection, client, run, time) = Start();

        connection.Close(WebSocketCloseStatus.NormalClosure, "bye");
        var close = await client.ReceiveAsync(new byte[16], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal("bye", client.CloseStatusDescription);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(run.IsCompleted); // waiting for the peer's close frame, within the timeout
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WithinAsync(run, "the connection to abort the silent peer");
        client.Dispose();
    }

    [Fact]
    public async Task The_first_close_request_wins()
    {
        var (connection, client, run, _) = Start();

        connection.Close(WebSocketCloseStatus.MessageTooBig, "too big");
        connection.Close(WebSocketCloseStatus.NormalClosure, "later");
        var close = await client.ReceiveAsync(new byte[16], CancellationToken.None);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, close.CloseStatus);
        await Eventually.WithinAsync(run, "a clean close handshake");
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, connection.CloseStatus);
    }

    [Fact]
    public async Task A_handler_that_throws_closes_with_1011_instead_of_crashing()
    {
        var (server, client) = InMemoryWebSocketPair.Create();
        var connection = new WebSocketConnection(server, new RealtimeWebSocketOptions(), TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        var run = connection.RunAsync((_, _) => throw new InvalidOperationException("bug"), CancellationToken.None);

        await client.SendTextAsync("boom");
        var close = await client.ReceiveCloseAsync();
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);

        Assert.Equal(WebSocketCloseStatus.InternalServerError, close.CloseStatus);
        await Eventually.WithinAsync(run, "the connection to finish");
    }
}
