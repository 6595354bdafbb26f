using System.Net.ServerSentEvents;
using System.Text;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseWireWriterTests
{
    [Fact]
    public async Task Multi_line_data_is_split_into_one_data_line_per_line()
    {
        var text = await WriteAsync(w => w.Write(new SseEvent(7, "note", "one\ntwo\r\nthree")));

        Assert.Contains("event: note\n", text, StringComparison.Ordinal);
        Assert.Contains("id: 7\n", text, StringComparison.Ordinal);
        Assert.Contains("data: one\ndata: two\ndata: three\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Count(c => c == '\n')); // event, three data lines, id, blank line
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\r\nb")]
    [InlineData("a\nb")]
    public async Task Every_kind_of_line_break_in_data_starts_a_new_data_line(string data)
    {
        var text = await WriteAsync(w => w.Write(new SseEvent(1, null, data)));

        Assert.Contains("data: a\ndata: b\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public async Task Written_events_parse_back_to_the_same_name_id_and_data()
    {
        var sent = new SseEvent(42, "score", "{\"a\":1}\n{\"b\":2}");
        var text = await WriteAsync(w => w.Write(sent));

        var parsed = await SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))).EnumerateAsync().ToListAsync();

        var item = Assert.Single(parsed);
        Assert.Equal("score", item.EventType);
        Assert.Equal("42", item.EventId);
        Assert.Equal(sent.Data, item.Data);
    }

    [Fact]
    public async Task Heartbeat_is_a_comment_and_retry_is_in_milliseconds_without_data()
    {
        var text = await WriteAsync(w =>
        {
            w.WriteRetry(TimeSpan.FromSeconds(2.5));
            w.WritePing();
        });

        Assert.Equal("retry: 2500\n\n: ping\n\n", text);
        // Neither frame carries data, so a client dispatches no event for them.
        Assert.Empty(await SseParser.Create(new MemoryStream(Encoding.UTF8.GetBytes(text))).EnumerateAsync().ToListAsync());
    }

    [Fact]
    public void An_event_is_encoded_once_and_a_changed_copy_gets_its_own_bytes()
    {
        var sent = new SseEvent(3, null, "first");
        var copy = sent with { Data = "second" };

        Assert.Same(sent.Wire, sent.Wire);
        Assert.Equal("data: first\nid: 3\n\n", Encoding.UTF8.GetString(sent.Wire));
        Assert.Equal("data: second\nid: 3\n\n", Encoding.UTF8.GetString(copy.Wire));
        Assert.Equal(new SseEvent(3, null, "first"), sent); // the cached bytes do not take part in equality
    }

    private static async Task<string> WriteAsync(Action<SseWireWriter> write)
    {
        using var body = new MemoryStream();
        var pipe = System.IO.Pipelines.PipeWriter.Create(body);
        var writer = new SseWireWriter(pipe);
        write(writer);
        await writer.FlushAsync(default);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
