using Microsoft.AspNetCore.Http;

namespace Workshop.Protocols.Webhooks;

/// <summary>Reads a request body into memory, refusing to read past a limit (so a huge body costs at most limit + 1 bytes).</summary>
internal static class BodyReader
{
    /// <summary>The body bytes, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
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
}
