/// <summary>Reads a request body into memory, but never more than a limit.</summary>
public static class BoundedBody
{
    /// <summary>The largest webhook body either receiver accepts.</summary>
    public const int Limit = 64 * 1024;

    /// <summary>The whole body, or null when it is over <see cref="Limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Why both: Content-Length refuses an honest large body before reading a byte, but a chunked body has no
        // Content-Length, so only counting the bytes as they arrive keeps it from filling memory.
        if (request.ContentLength > Limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
