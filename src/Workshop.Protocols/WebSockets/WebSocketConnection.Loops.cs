using System.Buffers;
using System.Net.WebSockets;
using Workshop.Protocols.Diagnostics;

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
                if (!_outbox.Reader.TryRead(out var message)) continue;
                while (!IsClosing)
                {
                    // Read one ahead: while more is queued, the frame is collected rather than flushed on its own
                    // (see FrameBatchingStream); the last one of the backlog writes them all.
                    var more = _outbox.Reader.TryRead(out var next);
                    if (_batching is not null) _batching.Batching = more;
                    await _socket.SendAsync(message.Payload, message.Type, WebSocketMessageFlags.EndOfMessage, SendToken(token));
                    ProtocolMetrics.Delivered(ProtocolMetrics.WebSocket);
                    if (!more) break;
                    message = next;
                }
                if (IsClosing) break;
            }
            if (_batching is not null) _batching.Batching = false; // the close frame (below) writes anything collected

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

    // Over the batching stream the hard stop reaches every write through the stream itself (FrameBatchingStream.Stop),
    // so the send needs no token of its own: that lets the socket take its synchronous path instead of registering
    // on the token for every message. Without the stream (HTTP/2), the token goes with each send.
    private CancellationToken SendToken(CancellationToken token) => _batching is null ? token : CancellationToken.None;

    private async Task ReceiveLoopAsync(Func<IncomingMessage, CancellationToken, ValueTask> onMessage)
    {
        var token = _hardStop.Token;
        var assembler = new MessageAssembler(_options.MaxMessageBytes);
        // Every message starts in a small buffer of the connection's own: an idle connection holds only that (not a
        // pooled 16 KiB array, which thousands of idle clients would each pin), and a small message (most chat,
        // game and echo traffic) takes one receive. Only the rest of a larger message goes through a rented buffer,
        // returned as soon as that message is complete.
        var small = new byte[FirstReceiveBytes];
        while (true)
        {
            var result = await _socket.ReceiveAsync(small.AsMemory(), token);
            if (!await HandleAsync(result, small.AsSpan(0, result.Count), assembler, onMessage)) return;
            if (result.EndOfMessage) continue;
            var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
            try
            {
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(), token);
                    if (!await HandleAsync(result, buffer.AsSpan(0, result.Count), assembler, onMessage)) return;
                }
                while (!result.EndOfMessage);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private const int FirstReceiveBytes = 256;
    private const int ReceiveBufferBytes = 16 * 1024;

    // One frame's worth of a message; false once the peer's close frame has arrived (the loop ends).
    private ValueTask<bool> HandleAsync(ValueWebSocketReceiveResult result, ReadOnlySpan<byte> data, MessageAssembler assembler,
        Func<IncomingMessage, CancellationToken, ValueTask> onMessage)
    {
        if (result.MessageType == WebSocketMessageType.Close)
        {
            // Either the peer starts the handshake (answer with its own code) or it answers ours (no-op).
            PeerCloseStatus = _socket.CloseStatus;
            Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _socket.CloseStatusDescription ?? string.Empty);
            return ValueTask.FromResult(false);
        }
        if (IsClosing) return ValueTask.FromResult(true); // Data after our close frame is dropped until the peer's close arrives.
        if (result.EndOfMessage && assembler.Length == 0)
        {
            // The common case, a message in one frame: no copy into the assembler.
            if (!WithinRate()) return ValueTask.FromResult(true);
            var single = Complete(data, result.MessageType);
            return single is null ? ValueTask.FromResult(true) : DispatchThenContinueAsync(onMessage, single);
        }
        if (!assembler.TryAppend(data))
        {
            WebSocketLog.MessageTooBig(_logger, Id, _options.MaxMessageBytes);
            Close(WebSocketCloseStatus.MessageTooBig, $"message exceeds {_options.MaxMessageBytes} bytes");
            return ValueTask.FromResult(true);
        }
        if (!result.EndOfMessage) return ValueTask.FromResult(true);
        if (!WithinRate())
        {
            assembler.Reset();
            return ValueTask.FromResult(true);
        }
        var message = Complete(assembler.WrittenSpan, result.MessageType);
        assembler.Reset();
        return message is null ? ValueTask.FromResult(true) : DispatchThenContinueAsync(onMessage, message);
    }

    // Counted per complete message (fragments are bounded by MaxMessageBytes); over the rate, the connection is
    // closed with 1008 and this and every later message is dropped, never handled.
    private bool WithinRate()
    {
        if (_rate.TryTake()) return true;
        WebSocketLog.RateLimited(_logger, Id, _options.MessageBurst, _options.MessagesPerSecond);
        Close(WebSocketCloseStatus.PolicyViolation, MessageRateExceededReason);
        return false;
    }

    /// <summary>The close reason sent with 1008 to a client over its message rate.</summary>
    public const string MessageRateExceededReason = "message rate limit exceeded";

    private async ValueTask<bool> DispatchThenContinueAsync(Func<IncomingMessage, CancellationToken, ValueTask> onMessage, IncomingMessage message)
    {
        await DispatchAsync(onMessage, message);
        return true;
    }

    private IncomingMessage? Complete(ReadOnlySpan<byte> bytes, WebSocketMessageType type)
    {
        if (type == WebSocketMessageType.Binary) return new IncomingMessage(type, bytes.ToArray(), null);
        if (MessageAssembler.TryDecodeText(bytes, out var text)) return new IncomingMessage(type, bytes.ToArray(), text);
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
