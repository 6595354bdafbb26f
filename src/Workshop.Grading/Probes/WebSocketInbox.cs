using System.Net.WebSockets;
using System.Threading.Channels;

namespace Workshop.Grading.Probes;

/// <summary>
/// Receives a socket's text messages in the background, so a check can wait for one with a deadline and give up
/// without losing the connection: cancelling a <see cref="ClientWebSocket"/> receive aborts the socket, while
/// giving up on a wait here only stops waiting.
/// </summary>
public sealed class WebSocketInbox
{
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts receiving from <paramref name="socket"/> until it closes, breaks or <paramref name="cancellationToken"/> fires.</summary>
    public WebSocketInbox(WebSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _ = PumpAsync(socket, cancellationToken);
    }

    /// <summary>Completes when receiving ended: the peer's close frame came, the connection broke, or the check is over.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Why receiving ended early (the connection broke), if it did.</summary>
    public WebSocketException? Failure { get; private set; }

    /// <summary>
    /// Waits until a message satisfies <paramref name="match"/> and returns it (every message read goes to
    /// <paramref name="seen"/>); null when the connection closed first. Cancelling only ends the wait.
    /// </summary>
    public async Task<string?> ReceiveUntilAsync(Func<string, bool> match, List<string> seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(seen);
        while (await _messages.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_messages.Reader.TryRead(out var text))
            {
                seen.Add(text);
                if (match(text)) return text;
            }
        }
        return null;
    }

    private async Task PumpAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            while (await WebSocketProbe.ReceiveTextAsync(socket, cancellationToken) is { } text)
                _messages.Writer.TryWrite(text);
        }
        catch (WebSocketException e)
        {
            Failure = e;
        }
        catch (OperationCanceledException)
        {
            // The check is over.
        }
        catch (ObjectDisposedException)
        {
            // The check disposed the socket.
        }
        finally
        {
            _messages.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }
}
