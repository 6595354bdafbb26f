using Workshop.Testing;

namespace Workshop.Protocols.Tests.ServerSentEvents;

/// <summary>
/// Reads an SSE response as raw frames (the lines up to each blank line), for tests about the exact wire format:
/// comments, field order, line splitting. Tests about meaning use <c>SseClient</c> / <c>SseParser</c> instead.
/// </summary>
internal sealed class RawSseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private RawSseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<RawSseStream> OpenAsync(HttpClient http, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure?.Invoke(request);
        var response = await Eventually.WithinAsync(
            http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead), "the response headers");
        var stream = await response.Content.ReadAsStreamAsync();
        return new RawSseStream(response, new StreamReader(stream));
    }

    /// <summary>The next frame's lines (without the blank line), or null when the stream ended.</summary>
    public async Task<List<string>?> ReadFrameAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await Eventually.WithinAsync(_reader.ReadLineAsync(), "the next SSE line");
            if (line is null) return lines.Count == 0 ? null : lines;
            if (line.Length == 0)
            {
                if (lines.Count > 0) return lines;
                continue;
            }
            lines.Add(line);
        }
    }

    /// <summary>Reads frames until one contains <paramref name="line"/>.</summary>
    public async Task<List<string>> ReadFrameWithAsync(string line)
    {
        while (true)
        {
            var frame = await ReadFrameAsync() ?? throw new InvalidOperationException($"The stream ended before a frame with '{line}'.");
            if (frame.Contains(line)) return frame;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
