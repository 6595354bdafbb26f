using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>Reads a request body into memory, refusing to read past a limit (so a huge body costs at most limit + 1 bytes).</summary>
internal static class BodyReader
{
    /// <summary>The body bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        if (request.ContentLength is { } length) return await ReadExactlyAsync(request.Body, (int)length, cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // The usual case (Content-Length given, within the limit): one array of the right size, no copies. Kestrel
    // ends the body at Content-Length, so a short body surfaces as an error from the server, not as extra bytes.
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }
}
