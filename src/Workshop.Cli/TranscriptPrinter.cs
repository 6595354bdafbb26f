using Spectre.Console;
using Workshop.Grading.Reports;
using Workshop.Grading.Transcripts;

namespace Workshop.Cli;

/// <summary>
/// Prints a failed check's last exchanges under it, one per line, by name (<c>ping</c>, <c>close 1009</c>):
/// <c>+0.412 s  app → checker  close 1009 "too big"</c>. Everything in a transcript came from the app: it is cleaned
/// of control characters and escaped as Spectre markup.
/// </summary>
public static class TranscriptPrinter
{
    /// <summary>How many exchanges a failed check shows.</summary>
    public const int Shown = 12;

    /// <summary>Writes the last <see cref="Shown"/> exchanges of <paramref name="transcript"/>, if it has any.</summary>
    public static void Print(IAnsiConsole console, Transcript? transcript)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (transcript is not { Entries.Count: > 0 }) return;
        var (entries, before) = transcript.Last(Shown);
        console.MarkupLine($"       [grey]last exchanges{(before > 0 ? $" ({before} earlier not shown)" : "")}:[/]");
        foreach (var entry in entries)
        {
            console.MarkupLine($"         [grey]{Markup.Escape(ReportText.Clean(Transcript.Line(entry), keepNewlines: false))}[/]");
        }
    }
}
