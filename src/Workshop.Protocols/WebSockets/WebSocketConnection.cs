using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Workshop.Protocols.Diagnostics;
using Workshop.Protocols.WebSockets.Batching;

namespace Workshop.Protocols.WebSockets;

/// <summary>
/// One accepted WebSocket with a single writer: every outgoing frame (data and close) goes through one send loop
/// fed by a bounded queue, so there are never two sends at once and a slow client never blocks the sender.
/// </summary>
public sealed partial class WebSocketConnection
{
    private readonly WebSocket _socket;
    private readonly RealtimeWebSocketOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<OutboundMessage> _outbox;
    private readonly CancellationTokenSource _closing = new();
    // Cancelled at the close deadline or when the transport is gone; cancelling socket I/O aborts the socket.
    private readonly CancellationTokenSource _hardStop;
    private readonly Lock _gate = new();
    private readonly MessageRateLimiter _rate;
    private FrameBatchingStream? _batching;
    private WebSocketCloseStatus? _closeStatus;
    private string _closeReason = string.Empty;

    /// <summary>Wraps an accepted socket. Call <see cref="RunAsync"/> to start its loops.</summary>
    /// <param name="socket">The accepted socket; this connection becomes its only reader and writer.</param>
    /// <param name="options">Limits and timeouts.</param>
    /// <param name="timeProvider">Clock for the close deadline and the message rate limit.</param>
    /// <param name="logger">Where protocol violations and drops are logged.</param>
    /// <param name="transportAborted">Cancelled when the underlying connection is gone (e.g. RequestAborted).</param>
    public WebSocketConnection(WebSocket socket, RealtimeWebSocketOptions options, TimeProvider timeProvider,
        ILogger logger, CancellationToken transportAborted)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _socket = socket;
        _options = options;
        _logger = logger;
        _hardStop = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _rate = new MessageRateLimiter(timeProvider, options.MessageBurst, options.MessagesPerSecond);
        _outbox = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(Math.Max(1, options.SendQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // Wait + TryWrite = "false when full", so overflow is noticed, never hidden.
        });
        transportAborted.Register(static state => ((WebSocketConnection)state!).StopHard(), this);
    }

    /// <summary>Lets the send loop batch a backlog through the stream the socket was built on (HTTP/1.1 upgrades).</summary>
    internal void UseBatching(FrameBatchingStream? stream)
    {
        _batching = stream;
        if (stream is not null) stream.Stop = _hardStop.Token;
    }

    /// <summary>A short id for logs.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The negotiated subprotocol, if any.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>True once a close was requested (by either side): no more messages are queued.</summary>
    public bool IsClosing => _closing.IsCancellationRequested;

    /// <summary>Cancelled when a close is requested.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>The close status this side sent or will send, once closing.</summary>
    public WebSocketCloseStatus? CloseStatus { get { lock (_gate) return _closeStatus; } }

    /// <summary>
    /// The status of the close frame the peer sent (its own close, or its answer to ours); null while none arrived,
    /// and for a peer that vanished without one. Tells a goodbye (1000) from a reload (1001) or a dead connection.
    /// </summary>
    public WebSocketCloseStatus? PeerCloseStatus { get; private set; }

    /// <summary>Messages waiting in the send queue.</summary>
    public int QueuedCount => _outbox.Reader.Count;

    /// <summary>
    /// Queues a message without waiting. False when the connection is closing, or when its queue is full: then the
    /// client is not reading, and it is closed with 1008 (policy violation) so it cannot hold anyone back.
    /// </summary>
    public bool TrySend(OutboundMessage message)
    {
        if (IsClosing) return false;
        if (_outbox.Writer.TryWrite(message)) return true;
        if (CloseStatus is not null) return false; // completed by a close in progress, not full
        WebSocketLog.SendQueueOverflow(_logger, Id, _options.SendQueueCapacity);
        ProtocolMetrics.Dropped(ProtocolMetrics.WebSocket);
        Close(WebSocketCloseStatus.PolicyViolation, "send queue full: the client is not reading");
        return false;
    }

    /// <summary>
    /// Starts closing with <paramref name="status"/> and <paramref name="reason"/> (the first request wins). Queued
    /// messages are dropped; if the handshake is not done within the close timeout, the socket is aborted.
    /// </summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_closeStatus is not null) return;
            _closeStatus = status;
            _closeReason = reason;
        }
        _outbox.Writer.TryComplete();
        try
        {
            _hardStop.CancelAfter(_options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection already finished; nothing is left to bound.
        }
        _closing.Cancel();
    }

    /// <summary>
    /// Runs the receive loop (calling <paramref name="onMessage"/> for each complete message, one at a time) and the
    /// send loop until the socket is closed. When <paramref name="stopping"/> fires, closes with 1001 (going away).
    /// </summary>
    public async Task RunAsync(Func<IncomingMessage, CancellationToken, ValueTask> onMessage, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        using var tracked = ProtocolMetrics.Track(ProtocolMetrics.WebSocket, this, _outbox.Reader);
        using var onStop = stopping.Register(static state =>
            ((WebSocketConnection)state!).Close(WebSocketCloseStatus.EndpointUnavailable, "server is shutting down"), this);
        var sending = SendLoopAsync();
        var clean = false;
        try
        {
            await ReceiveLoopAsync(onMessage);
            clean = true;
        }
        catch (OperationCanceledException)
        {
            WebSocketLog.Dropped(_logger, Id, "aborted");
        }
        catch (WebSocketException e)
        {
            // A keep-alive timeout or a vanished peer lands here: the framework aborted the socket.
            WebSocketLog.Dropped(_logger, Id, e.Message);
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, "closing");
            if (!clean) StopHard();
            await sending;
            if (_socket.State != WebSocketState.Closed) _socket.Abort();
            _socket.Dispose();
            _hardStop.Dispose();
        }
    }

    private void StopHard()
    {
        try
        {
            _hardStop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }
}
