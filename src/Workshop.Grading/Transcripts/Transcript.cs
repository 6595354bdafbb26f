using System.Globalization;

namespace Workshop.Grading.Transcripts;

/// <summary>What one check exchanged with its target: the last entries, and how many earlier ones were dropped.</summary>
public sealed record Transcript(IReadOnlyList<TranscriptEntry> Entries, int Dropped)
{
    /// <summary>An empty transcript.</summary>
    public static Transcript Empty { get; } = new([], 0);

    /// <summary>The last <paramref name="count"/> entries and how many came before them (dropped ones included).</summary>
    public (IReadOnlyList<TranscriptEntry> Entries, int Before) Last(int count)
    {
        var skip = Math.Max(0, Entries.Count - count);
        return ([.. Entries.Skip(skip)], Dropped + skip);
    }

    /// <summary>A party's name as shown in reports: <c>checker</c>, <c>app</c>, <c>browser</c>, <c>sink</c>.</summary>
    public static string Name(TranscriptParty party) => party.ToString().ToLowerInvariant();

    /// <summary>A time offset as <c>+1.234 s</c>.</summary>
    public static string Offset(TimeSpan at) => "+" + at.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    /// <summary>One entry on one line: <c>+0.012 s  app → checker  close 1009 "too big"</c> (not escaped for any format).</summary>
    public static string Line(TranscriptEntry entry) => entry.From == entry.To
        ? $"{Offset(entry.At)}  {Name(entry.From)}: {entry.Summary}"
        : $"{Offset(entry.At)}  {Name(entry.From)} → {Name(entry.To)}  {entry.Summary}";
}
