using System.Globalization;
using Microsoft.Playwright;

namespace Workshop.Grading.Transcripts;

/// <summary>
/// Records what a lab's page exchanges with the lab, as the browser sees it: its HTTP requests and responses and
/// every WebSocket it opens, with the frames it sends and receives and how it ends.
/// </summary>
public static class PageTranscript
{
    /// <summary>Starts recording <paramref name="page"/>'s traffic into <paramref name="transcript"/>.</summary>
    public static void Attach(IPage page, TranscriptRecorder transcript)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(transcript);
        page.Request += (_, request) =>
            transcript.Record(TranscriptParty.Browser, TranscriptParty.App, TranscriptKind.HttpRequest, $"{request.Method} {PathOf(request.Url)}");
        page.Response += (_, response) =>
        {
            var type = response.Headers.TryGetValue("content-type", out var t) ? " " + t.Split(';')[0] : "";
            transcript.Record(TranscriptParty.App, TranscriptParty.Browser, TranscriptKind.HttpResponse,
                $"{response.Status.ToString(CultureInfo.InvariantCulture)}{type} ({PathOf(response.Url)})");
        };
        page.WebSocket += (_, socket) =>
        {
            transcript.Record(TranscriptParty.Browser, TranscriptParty.App, TranscriptKind.HttpRequest, $"new WebSocket {PathOf(socket.Url)}");
            socket.FrameSent += (_, frame) => transcript.Record(TranscriptParty.Browser, TranscriptParty.App, TranscriptKind.WebSocketFrame, Describe(frame));
            socket.FrameReceived += (_, frame) => transcript.Record(TranscriptParty.App, TranscriptParty.Browser, TranscriptKind.WebSocketFrame, Describe(frame));
            // A failed socket also closes: one entry says both, so refused reconnects do not crowd the transcript.
            var failed = 0;
            socket.SocketError += (_, error) =>
            {
                Interlocked.Exchange(ref failed, 1);
                transcript.Record(TranscriptParty.Browser, TranscriptParty.Browser, TranscriptKind.Note, $"WebSocket {PathOf(socket.Url)} failed: {error}");
            };
            socket.Close += (_, _) =>
            {
                if (Volatile.Read(ref failed) == 0) transcript.Record(TranscriptParty.Browser, TranscriptParty.Browser, TranscriptKind.Note, $"WebSocket {PathOf(socket.Url)} closed");
            };
        };
    }

    private static string Describe(IWebSocketFrame frame) => frame.Text is { } text
        ? WebSocketFrames.Data("text", text, System.Text.Encoding.UTF8.GetByteCount(text), fin: true)
        : WebSocketFrames.Data("binary", null, frame.Binary?.Length ?? 0, fin: true);

    // The path is what the learner wrote; the host is a random loopback port of no interest.
    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url;
}
