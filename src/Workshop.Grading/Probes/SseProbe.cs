using System.Net.ServerSentEvents;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>An open <c>text/event-stream</c> response read with <see cref="SseParser"/>, one event at a time.</summary>
public sealed class SseProbe : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly SseParser<string> _parser;
    private readonly string _path;
    private Task<bool>? _pending;
    private bool _ended;

    private SseProbe(HttpResponseMessage response, Stream body, string path, CancellationToken cancellationToken)
    {
        _response = response;
        _path = path;
        _parser = SseParser.Create(body);
        _events = _parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>The response (status, headers).</summary>
    public HttpResponseMessage Response => _response;

    /// <summary>The last <c>retry:</c> the stream sent (from the item or the parser), if any.</summary>
    public TimeSpan? ReconnectionInterval { get; private set; }

    /// <summary>The parser's own record of <c>retry:</c> (infinite when none was sent).</summary>
    public TimeSpan ParserReconnectionInterval => _parser.ReconnectionInterval;

    /// <summary>
    /// Sends the GET and waits for the response headers only, with <paramref name="headersWithin"/> as the limit: a
    /// server that buffers sends no headers until it flushes.
    /// </summary>
    public static async Task<SseProbe> OpenAsync(HttpClient http, string path, TimeSpan headersWithin, CancellationToken cancellationToken, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        headers.CancelAfter(headersWithin);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"GET {path} sent no response headers within {headersWithin.TotalSeconds:0} s (is the response flushed?)");
        }
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        // Every line as received goes to the check's transcript (the parser only hands over whole events).
        if (TranscriptRecorder.Current is { } transcript) body = new TranscriptStream(body, transcript, TranscriptParty.App, TranscriptParty.Checker);
        return new SseProbe(response, body, path, cancellationToken);
    }

    /// <summary>The next event within <paramref name="within"/>, or null (stream ended or nothing arrived).</summary>
    public async Task<SseItem<string>?> NextAsync(TimeSpan within)
    {
        // A read that timed out is still pending: wait on it again rather than starting a second one.
        var next = _pending ??= _events.MoveNextAsync().AsTask();
        var winner = await Task.WhenAny(next, Task.Delay(within));
        if (winner != next) return null;
        _pending = null;
        if (!await next)
        {
            _ended = true;
            return null;
        }
        if (_events.Current.ReconnectionInterval is { } retry) ReconnectionInterval = retry;
        return _events.Current;
    }

    /// <summary>
    /// Why no (matching) event came, most concrete cause first: the answer was not an event stream at all
    /// ("GET /events answered 404 text/html"), the stream ended, or it stayed open and silent for <paramref name="within"/>.
    /// </summary>
    public string Silence(TimeSpan within)
    {
        var type = _response.Content.Headers.ContentType?.MediaType;
        if ((int)_response.StatusCode != 200 || type != "text/event-stream")
        {
            return $"GET {_path} answered {(int)_response.StatusCode} {type ?? "(no Content-Type)"}, not a 200 text/event-stream";
        }
        return _ended ? $"the server ended GET {_path}'s stream" : $"no event within {within.TotalSeconds:0} s";
    }

    /// <summary>Reads events until one matches, within <paramref name="within"/> in total; null when none did.</summary>
    public async Task<SseItem<string>?> NextMatchingAsync(Func<SseItem<string>, bool> match, TimeSpan within, List<string> seen)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var item = await NextAsync(deadline - DateTime.UtcNow);
            if (item is not { } e) return null;
            seen.Add($"{e.EventType}:{e.Data}{(e.EventId is null ? "" : $" #{e.EventId}")}");
            if (match(e)) return e;
        }
        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _response.Dispose(); // aborts the stream, which ends the pending read
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException or InvalidOperationException or NotSupportedException)
        {
            // The stream was cut on purpose (NotSupportedException: the iterator was disposed while a read was pending).
        }
    }
}
