using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

/// <summary>
/// One browser tab in a game (a player or a spectator). Everything sent to it goes through a queue drained by ONE
/// send loop: the other player's moves, the grace timer and this tab's own errors all send to it, and a WebSocket
/// allows one SendAsync at a time.
/// </summary>
public sealed class GameClient(WebSocket socket)
{
    // Bounded: a tab that stops reading cannot make the server hold an ever-growing backlog for it.
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(64) { SingleReader = true });
    private readonly CancellationTokenSource _kicked = new();

    /// <summary>Queues a message; a client whose queue is full is too slow and gets disconnected.</summary>
    public void Enqueue(string json)
    {
        if (!_outbox.Writer.TryWrite(json)) _kicked.Cancel();
    }

    /// <summary>No more messages will be queued; the send loop ends once the queue is empty.</summary>
    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>The only place that sends on this client's socket.</summary>
    public async Task RunSendLoopAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _kicked.Token);
        try
        {
            await foreach (var json in _outbox.Reader.ReadAllAsync(linked.Token))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, linked.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Gone or too slow: aborting makes the receive loop end, and the game hears that this client left.
            socket.Abort();
        }
    }
}
