namespace Workshop.Grading.Probes;

/// <summary>
/// A request body sent with <c>Transfer-Encoding: chunked</c> and no <c>Content-Length</c>: what a client that streams
/// its body sends, and what a size limit that only reads <c>Content-Length</c> never sees.
/// </summary>
internal sealed class ChunkedContent(byte[] bytes, string mediaType) : HttpContent
{
    private const int ChunkSize = 4096;

    public ChunkedContent Typed()
    {
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return this;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(ChunkSize, bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    // Why false: an unknown length is what makes HttpClient send the body chunked.
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
