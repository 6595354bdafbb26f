using Spectre.Console;
using Workshop.Grading.Running;

namespace Workshop.Cli;

/// <summary>Prints a lab report: per task pass/fail, expected vs observed for each failed check, the first failure's hint.</summary>
public static class ReportPrinter
{
    /// <summary>Writes the report to the console.</summary>
    public static void Print(LabReport report)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Lab {report.Lab.Id} · {Markup.Escape(report.Lab.Title)}[/]  [grey]{Markup.Escape(report.Target)}[/]");
        if (report.Error is not null) console.MarkupLine($"[red]The lab could not be checked:[/] {Markup.Escape(report.Error)}");
        var number = 0;
        string? firstHint = null;
        foreach (var score in report.Scores().Where(s => !s.Hidden))
        {
            number++;
            var passed = score.Points == score.Max;
            console.MarkupLine($" {(passed ? "[green]✓[/]" : "[red]✗[/]")} {number}. {Markup.Escape(score.Title)} [grey]({score.Points}/{score.Max})[/]");
            foreach (var r in report.Results.Where(r => r.Task == score.Task && !r.Passed && !r.Hidden))
            {
                console.MarkupLine($"     [red]✗[/] {Markup.Escape(r.Check)}");
                if (report.Error is null)
                {
                    console.MarkupLine($"       [grey]expected:[/] {Markup.Escape(r.Expected)}");
                    console.MarkupLine($"       [grey]observed:[/] {Markup.Escape(r.Observed)}");
                    TranscriptPrinter.Print(console, r.Transcript);
                }
                firstHint ??= r.Hint;
            }
        }
        var scores = report.Scores();
        console.MarkupLine($"[bold]Score {scores.Sum(s => s.Points)}/{scores.Sum(s => s.Max)}[/] in {report.Duration.TotalSeconds:0.0} s");
        if (firstHint is not null) console.MarkupLine($"[yellow]Hint:[/] {Markup.Escape(firstHint)}");
        else if (report.Passed) console.MarkupLine("[green]All checks pass. Well done![/]");
    }
}
