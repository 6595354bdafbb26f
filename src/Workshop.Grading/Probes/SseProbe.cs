using System.Net.ServerSentEvents;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>An open <c>text/event-stream</c> response read with <see cref="SseParser"/>, one event at a time.</summary>
public sealed class SseProbe : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly SseParser<string> _parser;
    private Task<bool>? _pending;

    private SseProbe(HttpResponseMessage response, Stream body, CancellationToken cancellationToken)
    {
        _response = response;
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
        return new SseProbe(response, body, cancellationToken);
    }

    /// <summary>The next event within <paramref name="within"/>, or null (stream ended or nothing arrived).</summary>
    public async Task<SseItem<string>?> NextAsync(TimeSpan within)
    {
        // A read that timed out is still pending: wait on it again rather than starting a second one.
        var next = _pending ??= _events.MoveNextAsync().AsTask();
        var winner = await Task.WhenAny(next, Task.Delay(within));
        if (winner != next) return null;
        _pending = null;
        if (!await next) return null;
        if (_events.Current.ReconnectionInterval is { } retry) ReconnectionInterval = retry;
        return _events.Current;
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
