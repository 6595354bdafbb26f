using System.Net;
using System.Net.Http.Headers;

namespace Workshop.Grading.Probes;

/// <summary>
/// A request body sent all but its last byte at once and the last byte only when <paramref name="gate"/> completes:
/// several copies of one request then all reach the server's handler (headers read, body awaited) before any of them
/// can finish, which is how a "check, then insert" race is made to show instead of hoped for.
/// </summary>
public sealed class GatedContent : HttpContent
{
    private readonly byte[] _body;
    private readonly Task _gate;
    private readonly Action _started;

    /// <summary>A gated body.</summary>
    /// <param name="body">The body (at least one byte).</param>
    /// <param name="mediaType">Its content type (sent with charset utf-8).</param>
    /// <param name="gate">Completes when the last byte may go.</param>
    /// <param name="started">Called once everything but the last byte is on the wire.</param>
    public GatedContent(byte[] body, string mediaType, Task gate, Action started)
    {
        _body = body.Length > 0 ? body : throw new ArgumentException("a gated body needs at least one byte", nameof(body));
        _gate = gate;
        _started = started;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
    }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_body.AsMemory(0, _body.Length - 1), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _started();
        await _gate.WaitAsync(cancellationToken);
        await stream.WriteAsync(_body.AsMemory(_body.Length - 1), cancellationToken);
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
