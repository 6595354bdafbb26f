using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

/// <summary>
/// One person in the room. Everything sent to them goes through a queue drained by ONE send loop, because a
/// WebSocket allows only one SendAsync at a time, and many senders (every other member) talk to it at once.
/// </summary>
public sealed class ChatMember(string name, WebSocket socket)
{
    // Bounded: a member who stops reading cannot make the server hold an ever-growing backlog for them.
    private readonly Channel<string> _outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { SingleReader = true });
    private readonly CancellationTokenSource _kicked = new();

    public string Name { get; } = name;

    /// <summary>Queues a message; a member whose queue is full is too slow and gets disconnected.</summary>
    public void Enqueue(string json)
    {
        if (!_outbox.Writer.TryWrite(json)) _kicked.Cancel();
    }

    /// <summary>No more messages will be queued; the send loop ends once the queue is empty.</summary>
    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>The only place that sends on this member's socket.</summary>
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
            // Gone or kicked: the receive loop notices the broken socket and runs the leave logic.
            socket.Abort();
        }
    }
}
