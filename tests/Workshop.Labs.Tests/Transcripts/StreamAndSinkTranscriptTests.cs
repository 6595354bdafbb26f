using System.Net.ServerSentEvents;
using System.Text;
using Workshop.Grading.Probes;
using Workshop.Grading.Transcripts;
using Xunit;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>Event-stream lines are recorded as received; webhook deliveries with their id and signature headers.</summary>
public sealed class StreamAndSinkTranscriptTests
{
    [Fact]
    public async Task Event_stream_lines_are_recorded_as_received_while_the_parser_still_gets_every_byte()
    {
        var recorder = new TranscriptRecorder(TimeProvider.System);
        var wire = "retry: 3000\n\n: ping\r\nid: 7\nevent: goal\ndata: 1-0 \u001b[2J\n\n" + "data: " + new string('x', 5000) + "\n\n";
        await using var stream = new TranscriptStream(new MemoryStream(Encoding.UTF8.GetBytes(wire)), recorder, TranscriptParty.App, TranscriptParty.Checker);

        var items = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync()) items.Add(item);

        Assert.Equal(2, items.Count);
        Assert.Equal("7", items[0].EventId);
        var lines = recorder.Snapshot().Entries.Select(e => e.Summary).ToList();
        Assert.Equal(["retry: 3000", ": ping", "id: 7", "event: goal", "data: 1-0 \\x1B[2J"], lines.Take(5));
        Assert.Equal(TranscriptRecorder.MaxSummaryChars, lines[5].Length);
        Assert.All(recorder.Snapshot().Entries, e => Assert.Equal(TranscriptKind.SseLine, e.Kind));
    }

    [Fact]
    public async Task Webhook_sink_records_each_delivery_with_its_signature_headers_and_the_status_it_answered()
    {
        var recorder = new TranscriptRecorder(TimeProvider.System);
        TranscriptRecorder.SetCurrent(recorder);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var sink = await WebhookSink.StartAsync((_, earlier) => earlier == 0 ? 500 : 204, timeout.Token);
        using var http = new HttpClient();

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url("/hooks/payments")) { Content = new StringContent("{\"amount\":5}") };
            request.Headers.Add("webhook-id", "msg_1");
            request.Headers.Add("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
            using var response = await http.SendAsync(request, timeout.Token);
        }

        var lines = recorder.Snapshot().Entries.Select(Transcript.Line).ToList();
        Assert.Equal(4, lines.Count);
        Assert.EndsWith("app → sink  POST /hooks/payments (12 B) webhook-id: msg_1 webhook-signature: v1,K5oZfzN95Z9UVu1Es…", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("sink → app  500", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("sink → app  204", lines[3], StringComparison.Ordinal);
    }
}
