using Workshop.Grading.Reports;

namespace Workshop.Grading.Transcripts;

/// <summary>
/// Records what one check exchanges with its target, bounded: each summary is cut to <see cref="MaxSummaryChars"/>
/// and cleaned (control characters become visible escapes), and past <see cref="MaxEntries"/> entries or
/// <see cref="MaxBytes"/> the oldest are dropped and counted. Thread-safe: probes record from background loops,
/// browser events and a sink's request threads.
/// </summary>
/// <remarks>
/// The runner makes a recorder <see cref="Current"/> for the flow of each check (an <see cref="AsyncLocal{T}"/>), so
/// a probe records without a recorder being passed down every call; a probe that records from threads outside
/// that flow (browser events, Kestrel) captures <see cref="Current"/> when it starts.
/// </remarks>
public sealed class TranscriptRecorder(TimeProvider time)
{
    /// <summary>The most entries kept (the last ones).</summary>
    public const int MaxEntries = 200;

    /// <summary>The most bytes of entries kept (see <see cref="TranscriptEntry.Size"/>).</summary>
    public const int MaxBytes = 48 * 1024;

    /// <summary>The longest summary kept; longer ones are cut with an ellipsis.</summary>
    public const int MaxSummaryChars = 160;

    private static readonly AsyncLocal<TranscriptRecorder?> Ambient = new();
    private readonly Queue<TranscriptEntry> _entries = new();
    private readonly long _start = time.GetTimestamp();
    private int _bytes;
    private int _dropped;

    /// <summary>The recorder of the check running in this flow, or null outside a check.</summary>
    public static TranscriptRecorder? Current => Ambient.Value;

    /// <summary>Makes <paramref name="recorder"/> current for the rest of the calling async method's flow.</summary>
    public static void SetCurrent(TranscriptRecorder? recorder) => Ambient.Value = recorder;

    /// <summary>Records one exchange in the current recorder, if there is one.</summary>
    public static void Add(TranscriptParty from, TranscriptParty to, TranscriptKind kind, string summary) => Current?.Record(from, to, kind, summary);

    /// <summary>Records one exchange (the summary is cut and cleaned here).</summary>
    public void Record(TranscriptParty from, TranscriptParty to, TranscriptKind kind, string summary)
    {
        var entry = new TranscriptEntry(time.GetElapsedTime(_start), from, to, kind, Bound(summary));
        lock (_entries)
        {
            _entries.Enqueue(entry);
            _bytes += entry.Size;
            while (_entries.Count > MaxEntries || (_bytes > MaxBytes && _entries.Count > 1))
            {
                _bytes -= _entries.Dequeue().Size;
                _dropped++;
            }
        }
    }

    /// <summary>A copy of what was recorded so far.</summary>
    public Transcript Snapshot()
    {
        lock (_entries) return new Transcript([.. _entries], _dropped);
    }

    /// <summary>A summary cut to <see cref="MaxSummaryChars"/> and cleaned for any report.</summary>
    public static string Bound(string? text)
    {
        text ??= "";
        if (text.Length > MaxSummaryChars) text = text[..(MaxSummaryChars - 1)] + "…";
        return ReportText.Clean(text, keepNewlines: false, maxChars: MaxSummaryChars + 16);
    }

    /// <summary>A payload preview in quotes: <c>"Welcome!"</c>, cut at <paramref name="maxChars"/> with an ellipsis.</summary>
    public static string Quote(string text, int maxChars = 48) =>
        "\"" + (text.Length > maxChars ? text[..maxChars] + "…" : text) + "\"";
}
