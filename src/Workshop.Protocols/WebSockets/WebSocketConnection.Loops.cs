using System.Buffers;
using System.Net.WebSockets;

namespace Workshop.Protocols.WebSockets;

public sealed partial class WebSocketConnection
{
    private async Task SendLoopAsync()
    {
        var token = _hardStop.Token;
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(token))
            {
                while (!IsClosing && _outbox.Reader.TryRead(out var message))
                    await _socket.SendAsync(message.Payload, message.Type, endOfMessage: true, token);
                if (IsClosing) break;
            }

            WebSocketCloseStatus status;
            string reason;
            lock (_gate)
            {
                status = _closeStatus ?? WebSocketCloseStatus.NormalClosure;
                reason = _closeReason;
            }
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(status, reason, token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket was aborted (deadline, keep-alive timeout or transport loss): nothing more can be sent.
            StopHard();
        }
    }

    private async Task ReceiveLoopAsync(Func<IncomingMessage, CancellationToken, ValueTask> onMessage)
    {
        var token = _hardStop.Token;
        var assembler = new MessageAssembler(_options.MaxMessageBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Either the peer starts the handshake (answer with its own code) or it answers ours (no-op).
                    Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _socket.CloseStatusDescription ?? string.Empty);
                    return;
                }
                if (IsClosing) continue; // Data after our close frame is read and dropped until the peer's close arrives.

                if (!assembler.TryAppend(buffer.AsSpan(0, result.Count)))
                {
                    WebSocketLog.MessageTooBig(_logger, Id, _options.MaxMessageBytes);
                    Close(WebSocketCloseStatus.MessageTooBig, $"message exceeds {_options.MaxMessageBytes} bytes");
                    continue;
                }
                if (!result.EndOfMessage) continue;

                var message = Complete(assembler, result.MessageType);
                assembler.Reset();
                if (message is null) continue;
                await DispatchAsync(onMessage, message);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private IncomingMessage? Complete(MessageAssembler assembler, WebSocketMessageType type)
    {
        if (type == WebSocketMessageType.Binary) return new IncomingMessage(type, assembler.ToArray(), null);
        if (assembler.TryDecodeText(out var text)) return new IncomingMessage(type, assembler.ToArray(), text);
        WebSocketLog.InvalidUtf8(_logger, Id);
        Close(WebSocketCloseStatus.InvalidPayloadData, "text message is not valid UTF-8");
        return null;
    }

    private async ValueTask DispatchAsync(Func<IncomingMessage, CancellationToken, ValueTask> onMessage, IncomingMessage message)
    {
        try
        {
            await onMessage(message, Closing);
        }
        catch (OperationCanceledException) when (IsClosing)
        {
            // The handler gave up because the connection is closing.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A handler bug must not kill the process or leave the peer hanging: close with 1011 and say so.
            WebSocketLog.HandlerFailed(_logger, Id, e);
            Close(WebSocketCloseStatus.InternalServerError, "internal error");
        }
    }
}
