using Microsoft.Extensions.Time.Testing;
using Workshop.Grading.Transcripts;
using Xunit;

namespace Workshop.Labs.Tests.Transcripts;

/// <summary>The recorder keeps a check's last exchanges, bounded in entries and bytes, cleaned of control characters.</summary>
public sealed class TranscriptRecorderTests
{
    [Fact]
    public void Recorder_keeps_the_last_entries_and_counts_the_ones_it_dropped()
    {
        var recorder = new TranscriptRecorder(TimeProvider.System);

        for (var i = 0; i < 500; i++) recorder.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.SseLine, $"id: {i}");
        var transcript = recorder.Snapshot();

        Assert.Equal(TranscriptRecorder.MaxEntries, transcript.Entries.Count);
        Assert.Equal(500 - TranscriptRecorder.MaxEntries, transcript.Dropped);
        Assert.Equal("id: 499", transcript.Entries[^1].Summary);
        var (last, before) = transcript.Last(12);
        Assert.Equal(12, last.Count);
        Assert.Equal(488, before);
    }

    [Fact]
    public void Recorder_cuts_long_payloads_and_stays_within_its_byte_budget()
    {
        var recorder = new TranscriptRecorder(TimeProvider.System);

        for (var i = 0; i < 1000; i++) recorder.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.WebSocketFrame, new string('x', 100_000));
        var transcript = recorder.Snapshot();

        Assert.All(transcript.Entries, e => Assert.True(e.Summary.Length <= TranscriptRecorder.MaxSummaryChars, $"{e.Summary.Length} chars"));
        Assert.EndsWith("…", transcript.Entries[0].Summary, StringComparison.Ordinal);
        Assert.True(transcript.Entries.Sum(e => e.Size) <= TranscriptRecorder.MaxBytes);
        Assert.Equal(1000, transcript.Entries.Count + transcript.Dropped);
    }

    [Fact]
    public void Recorder_turns_control_characters_into_visible_escapes()
    {
        var recorder = new TranscriptRecorder(TimeProvider.System);

        recorder.Record(TranscriptParty.App, TranscriptParty.Checker, TranscriptKind.WebSocketFrame, "text \"\u001b[2J\u0007\r\nhi\ud800\"");
        var summary = recorder.Snapshot().Entries.Single().Summary;

        Assert.DoesNotContain(summary, c => char.IsControl(c) || char.IsSurrogate(c));
        Assert.Contains("\\x1B", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_carry_their_time_from_the_start_of_the_check()
    {
        var time = new FakeTimeProvider();
        var recorder = new TranscriptRecorder(time);

        time.Advance(TimeSpan.FromMilliseconds(1500));
        recorder.Record(TranscriptParty.Checker, TranscriptParty.App, TranscriptKind.HttpRequest, "GET /events");
        var entry = recorder.Snapshot().Entries.Single();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), entry.At);
        Assert.Equal("+1.500 s  checker → app  GET /events", Transcript.Line(entry));
    }
}
