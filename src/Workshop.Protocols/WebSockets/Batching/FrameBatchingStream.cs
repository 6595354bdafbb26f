using System.Buffers;

namespace Workshop.Protocols.WebSockets.Batching;

/// <summary>
/// The upgraded connection's stream as the <see cref="System.Net.WebSockets.WebSocket"/> sees it. While
/// <see cref="Batching"/> is on, frames are collected instead of written and flushed one by one; the first write
/// with it off sends the collected frames and its own in one write and one flush. The send loop turns it on while
/// more messages are queued behind the one being sent, so a client that is behind gets its backlog in one system
/// call instead of one per message. Every write comes from inside the socket's own send lock (the send loop's
/// frames, and the framework's keep-alive frames), so the buffer needs no lock of its own.
/// </summary>
internal sealed class FrameBatchingStream(Stream inner) : Stream
{
    // Above this the batch is written out even if more is queued: bounds the memory a backlog holds here (a thousand
    // connections that are all behind hold at most this much each), while one write still carries many frames.
    internal const int MaxBatchBytes = 16 * 1024;

    private byte[]? _pending;
    private int _pendingCount;

    /// <summary>Set by the single send loop between sends; read inside the socket's send lock.</summary>
    public bool Batching { get; set; }

    /// <summary>
    /// The connection's hard stop: used for every write and flush that reaches the network when the caller passed
    /// no token of its own (the socket's fast path and its keep-alive frames), so a client that stopped reading
    /// can never hold a write forever.
    /// </summary>
    public CancellationToken Stop { get; set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled) cancellationToken = Stop;
        if (Batching && _pendingCount + buffer.Length <= MaxBatchBytes)
        {
            Append(buffer.Span);
            return;
        }
        if (_pendingCount == 0)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        Append(buffer.Span);
        var pending = _pending!;
        var count = _pendingCount;
        _pending = null;
        _pendingCount = 0;
        try
        {
            await inner.WriteAsync(pending.AsMemory(0, count), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pending);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
        => Batching && _pendingCount > 0 ? Task.CompletedTask : inner.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : Stop);

    private void Append(ReadOnlySpan<byte> data)
    {
        var needed = _pendingCount + data.Length;
        if (_pending is null || _pending.Length < needed)
        {
            // Rented per batch and returned once written: an idle connection holds no buffer here.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
            if (_pending is not null)
            {
                _pending.AsSpan(0, _pendingCount).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_pending);
            }
            _pending = larger;
        }
        data.CopyTo(_pending.AsSpan(_pendingCount));
        _pendingCount = needed;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override void Write(byte[] buffer, int offset, int count)
    {
        // The socket writes asynchronously; this keeps the order right should anything write synchronously.
        Append(buffer.AsSpan(offset, count));
        if (Batching && _pendingCount <= MaxBatchBytes) return;
        var pending = _pending!;
        var length = _pendingCount;
        _pending = null;
        _pendingCount = 0;
        try
        {
            inner.Write(pending, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pending);
        }
    }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_pending is not null) ArrayPool<byte>.Shared.Return(_pending);
            _pending = null;
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
