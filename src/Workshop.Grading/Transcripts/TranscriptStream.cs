using System.Text;

namespace Workshop.Grading.Transcripts;

/// <summary>
/// A read-only stream that passes an event stream through unchanged and records each non-blank line as it arrives
/// (<c>retry: 3000</c>, <c>id: 7</c>, <c>data: …</c>, <c>: ping</c>). A line longer than the recorder keeps is cut;
/// what is buffered is bounded whatever the server sends.
/// </summary>
public sealed class TranscriptStream(Stream inner, TranscriptRecorder transcript, TranscriptParty from, TranscriptParty to) : Stream
{
    private const int MaxLineBytes = 1024;
    private readonly MemoryStream _line = new();
    private bool _overlong;

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Observe(buffer.AsSpan(offset, read));
        return read;
    }

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is (byte)'\n' or (byte)'\r')
            {
                EndLine();
                continue;
            }
            if (_line.Length < MaxLineBytes) _line.WriteByte(b);
            else _overlong = true;
        }
    }

    private void EndLine()
    {
        if (_line.Length > 0) transcript.Record(from, to, TranscriptKind.SseLine, Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length) + (_overlong ? "…" : ""));
        _line.SetLength(0);
        _overlong = false;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _line.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
