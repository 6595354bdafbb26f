using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

/// <summary>The operators' chat on /ws/ops: payments are announced here, operators talk to each other.</summary>
public sealed class OpsRoom
{
    private const int MaxMessageBytes = 4096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, Channel<string>> _members = new();

    /// <summary>Tells every operator about an accepted payment: {"type":"payment","payment":{...}}.</summary>
    public void Announce(Payment payment) =>
        // TODO 4 solved (announce): the same JSON to every member's queue; a slow operator never slows the webhook.
        Broadcast(JsonSerializer.Serialize(new { type = "payment", payment }, Json));

    private void Broadcast(string json)
    {
        foreach (var member in _members.Values) member.Writer.TryWrite(json);
    }

    /// <summary>Runs one operator's connection until it closes.</summary>
    public async Task RunAsync(WebSocket socket, string name, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var outbox = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _members[id] = outbox;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Why one send loop per socket: SendAsync must never run twice at once on one WebSocket, and announcements
        // come from webhook requests on other threads.
        var sending = SendLoopAsync(socket, outbox.Reader, stop.Token);
        try
        {
            var buffer = new byte[4096];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", stop.Token);
                    return;
                }
                if (message.Length + result.Count > MaxMessageBytes)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", stop.Token);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var text = Encoding.UTF8.GetString(message.ToArray());
                message.SetLength(0);
                // TODO 4 solved (talk): operators' words go to everyone, the sender included (that is the confirmation).
                Broadcast(JsonSerializer.Serialize(new { type = "message", name, text }, Json));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The operator vanished (or the app is stopping): nothing to answer.
        }
        finally
        {
            _members.TryRemove(id, out _);
            outbox.Writer.TryComplete();
            await stop.CancelAsync();
            await sending;
        }
    }

    private static async Task SendLoopAsync(WebSocket socket, ChannelReader<string> outbox, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var json in outbox.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The receive side notices too and cleans up.
        }
    }
}
