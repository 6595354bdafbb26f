namespace Workshop.Grading.Transcripts;

/// <summary>One exchange of a check with its target, already cleaned and bounded by the recorder.</summary>
/// <param name="At">When it happened, from the start of the check.</param>
/// <param name="From">Who sent it.</param>
/// <param name="To">Who received it (the same as <paramref name="From"/> for a note).</param>
/// <param name="Kind">What kind of exchange it was.</param>
/// <param name="Summary">A short description: <c>GET /events</c>, <c>close 1009 "too big"</c>, <c>retry: 3000</c>.</param>
public sealed record TranscriptEntry(TimeSpan At, TranscriptParty From, TranscriptParty To, TranscriptKind Kind, string Summary)
{
    /// <summary>The entry's size as counted against the recorder's byte budget (UTF-16, plus a fixed overhead).</summary>
    public int Size => 32 + (2 * Summary.Length);
}
