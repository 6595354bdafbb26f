using System.Globalization;
using System.Net.Http.Headers;

namespace Workshop.Grading.Transcripts;

/// <summary>
/// Records the head of every request a check sends through its <see cref="HttpClient"/> and of the response, in
/// the check's <see cref="TranscriptRecorder.Current"/>: <c>GET /events Accept: text/event-stream</c>,
/// <c>200 text/event-stream</c>. Bodies are not recorded (an event stream's lines are, by <see cref="TranscriptStream"/>).
/// </summary>
public sealed class TranscriptHttpHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var transcript = TranscriptRecorder.Current;
        transcript?.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest, RequestHead(request));
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.HttpResponse, ResponseHead(response));
            return response;
        }
        catch (HttpRequestException e)
        {
            transcript?.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.Note, $"no response: {e.Message}");
            throw;
        }
    }

    /// <summary><c>POST /publish (12 B) Last-Event-ID: 4</c>: method, path and query, body size, the request's own headers.</summary>
    public static string RequestHead(HttpRequestMessage request)
    {
        var target = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : request.RequestUri?.OriginalString ?? "/";
        var size = request.Content?.Headers.ContentLength is { } length ? $" ({length.ToString(CultureInfo.InvariantCulture)} B)" : "";
        return $"{request.Method} {target}{size}{Headers(request.Headers)}";
    }

    /// <summary><c>200 text/event-stream</c>: status and content type.</summary>
    public static string ResponseHead(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        return $"{((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {(type ?? response.ReasonPhrase ?? "")}".TrimEnd();
    }

    private static string Headers(HttpRequestHeaders headers) =>
        string.Concat(headers.Select(h => $" {h.Key}: {string.Join(", ", h.Value)}"));
}
