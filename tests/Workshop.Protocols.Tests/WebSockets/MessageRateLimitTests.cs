using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.WebSockets;
using Workshop.Testing;

namespace Workshop.Protocols.Tests.WebSockets;

public sealed class MessageRateLimitTests
{
    private sealed record Running(WebSocketConnection Connection, WebSocket Client, Task Run, FakeTimeProvider Time, Func<int> Handled);

    private static Running Start(int burst, double perSecond)
    {
        var (server, client) = InMemoryWebSocketPair.Create(pauseWriterThreshold: 1 << 20);
        var time = new FakeTimeProvider();
        var options = new RealtimeWebSocketOptions { MessageBurst = burst, MessagesPerSecond = perSecond };
        var connection = new WebSocketConnection(server, options, time, NullLogger.Instance, CancellationToken.None);
        var handled = 0;
        var run = connection.RunAsync((_, _) =>
        {
            Interlocked.Increment(ref handled);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return new Running(connection, client, run, time, () => Volatile.Read(ref handled));
    }

    private static Task SendAsync(WebSocket client, string text) =>
        client.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    [Fact]
    public async Task A_client_over_its_burst_is_closed_with_1008_and_the_message_over_the_limit_is_not_handled()
    {
        var (connection, client, run, _, handled) = Start(burst: 3, perSecond: 1);

        for (var i = 0; i < 4; i++) await SendAsync(client, $"m{i}");
        var close = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
        Assert.Equal("message rate limit exceeded", close.CloseReason);
        Assert.Equal(3, handled());
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ok", CancellationToken.None);
        await Eventually.WithinAsync(run, "the connection to end after the close handshake");
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, connection.CloseStatus);
    }

    [Fact]
    public async Task A_client_within_its_rate_is_never_closed_however_many_messages_it_sends()
    {
        var (connection, client, _, time, handled) = Start(burst: 2, perSecond: 10);

        for (var i = 0; i < 50; i++)
        {
            await SendAsync(client, $"m{i}");
            await Eventually.HoldsAsync(() => handled() == i + 1, $"message {i} handled");
            time.Advance(TimeSpan.FromMilliseconds(100)); // exactly the sustained rate: one token back per message
        }

        Assert.False(connection.IsClosing);
        client.Abort();
    }

    [Fact]
    public async Task The_bucket_refills_with_time_so_a_burst_after_a_pause_is_allowed_again()
    {
        var (connection, client, _, time, handled) = Start(burst: 5, perSecond: 5);

        for (var i = 0; i < 5; i++) await SendAsync(client, "a");
        await Eventually.HoldsAsync(() => handled() == 5, "the first burst handled");
        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 5; i++) await SendAsync(client, "b");
        await Eventually.HoldsAsync(() => handled() == 10, "the second burst handled");

        Assert.False(connection.IsClosing);
        client.Abort();
    }
}
