using System.Globalization;
using System.Net;
using System.Text;
using Workshop.Grading.Submissions;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Reports;

/// <summary>
/// One student's feedback: what passed, what failed and why, as Markdown and as a standalone HTML page (well-formed
/// XHTML). Whatever came from the submission is cleaned and escaped (<see cref="ReportText"/>): it reads as text
/// in either form and never becomes markup, a link or a script. Hidden checks are left out unless asked for.
/// </summary>
public static class FeedbackWriter
{
    private const int MaxObserved = 2000;

    /// <summary>Markdown feedback; hidden checks are left out unless <paramref name="showHidden"/>.</summary>
    public static string ToMarkdown(StudentGrade grade, bool showHidden = false)
    {
        var md = new StringBuilder();
        foreach (var (kind, text, transcript) in Lines(grade, showHidden))
        {
            if (transcript is not null)
            {
                TranscriptMarkdown(md, transcript);
                continue;
            }
            md.Append(kind switch { Kind.Title => "# ", Kind.Lab => "\n## ", Kind.Task => "- ", Kind.Detail => "  - ", _ => "" })
                .Append(text(s => ReportText.Markdown(s))).Append(kind is Kind.Title or Kind.Lab or Kind.Text ? "\n\n" : "\n");
        }
        return md.Replace("\n\n\n", "\n\n").ToString();
    }

    /// <summary>The same feedback as a small standalone XHTML page (every value cleaned and encoded).</summary>
    public static string ToHtml(StudentGrade grade, bool showHidden = false)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/><title>Feedback</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto}.pass{color:#176e2a}.fail{color:#a1141c}small{color:#555}.transcript{overflow-x:auto}</style></head><body>\n");
        foreach (var (kind, text, transcript) in Lines(grade, showHidden))
        {
            if (transcript is not null)
            {
                var caption = text(s => WebUtility.HtmlEncode(ReportText.Clean(s, keepNewlines: false)));
                var diagram = SvgSequenceDiagram.Render(transcript, text(s => ReportText.Clean(s, keepNewlines: false)));
                html.Append($"<div class=\"transcript\"><p><small>{caption}:</small></p>").Append(diagram.ToString(System.Xml.Linq.SaveOptions.DisableFormatting)).Append("</div>\n");
                continue;
            }
            var value = text(s => WebUtility.HtmlEncode(ReportText.Clean(s, keepNewlines: false)));
            html.Append(kind switch
            {
                Kind.Title => $"<h1>{value}</h1>\n",
                Kind.Lab => $"<h2>{value}</h2>\n",
                Kind.Task => $"<p class=\"{(value.StartsWith('✅') ? "pass" : "fail")}\">{value}</p>\n",
                Kind.Detail => $"<p><small>{value}</small></p>\n",
                _ => $"<p>{value}</p>\n",
            });
        }
        return html.Append("</body></html>\n").ToString();
    }

    private enum Kind { Title, Lab, Task, Detail, Text }

    // A line of the feedback; a failed check's transcript rides on a line of its own (a tuple converts, so lines
    // without one are written as before).
    private readonly record struct Line(Kind Kind, Func<Func<string, string>, string> Text, Transcript? Transcript = null)
    {
        public static implicit operator Line((Kind Kind, Func<Func<string, string>, string> Text) line) => new(line.Kind, line.Text);
    }

    private const int MarkdownExchanges = 12;

    private static void TranscriptMarkdown(StringBuilder md, Transcript transcript)
    {
        var (entries, before) = transcript.Last(MarkdownExchanges);
        md.Append(CultureInfo.InvariantCulture, $"  - Last exchanges{(before > 0 ? $" ({before} earlier not shown)" : "")}:\n");
        foreach (var entry in entries) md.Append("    - ").Append(ReportText.Markdown(Transcript.Line(entry))).Append('\n');
    }

    // Each line is a template: fixed words stay as they are, every outside value goes through the renderer's escape.
    private static IEnumerable<Line> Lines(StudentGrade grade, bool showHidden)
    {
        var visible = grade.Reports.Select(r => (Report: r, Scores: r.Scores().Where(s => showHidden || !s.Hidden).ToList())).ToList();
        var total = $"{visible.Sum(v => v.Scores.Sum(s => s.Points))} / {visible.Sum(v => v.Scores.Sum(s => s.Max))}";
        yield return (Kind.Title, e => $"Feedback for {e(grade.Student)}");
        yield return (Kind.Text, _ => $"Total: {total} points");
        foreach (var (report, scores) in visible)
        {
            var points = string.Create(CultureInfo.InvariantCulture, $"{scores.Sum(s => s.Points)} / {scores.Sum(s => s.Max)}");
            // A notebook's title already says "Notebook NN"; a lab's is its name alone.
            yield return report.Lab.Notebook
                ? (Kind.Lab, e => $"{e(report.Lab.Title)} ({points})")
                : (Kind.Lab, e => $"Lab {e(report.Lab.Id)} · {e(report.Lab.Title)} ({points})");
            foreach (var note in report.Notes) yield return (Kind.Text, e => $"Note: {e(note)}");
            if (report.Error is not null) yield return (Kind.Text, e => $"The lab could not be checked: {e(FirstLines(report.Error))}");
            foreach (var score in scores)
            {
                yield return (Kind.Task, e => $"{(score.Points == score.Max ? "✅" : "❌")} {e(score.Title)} ({score.Points} / {score.Max})");
                // When the lab could not run at all, the reason above says it once; per-check lines would repeat it.
                if (report.Error is not null) continue;
                foreach (var r in report.Results.Where(r => r.Task == score.Task && !r.Passed && (showHidden || !r.Hidden)))
                {
                    yield return (Kind.Detail, e => $"{e(r.Check)}: expected {e(r.Expected)}; observed: {e(FirstLines(r.Observed))}");
                    if (r.Transcript is { Entries.Count: > 0 } exchanged) yield return new Line(Kind.Detail, e => $"What {e(r.Check)} exchanged", exchanged);
                    if (r.Hint is not null) yield return (Kind.Detail, e => $"Hint: {e(r.Hint)}");
                }
            }
        }
    }

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = lines.Length == 0 ? "" : lines.Length == 1 ? lines[0] : $"{lines[0]} {lines[1]}";
        return first.Length <= MaxObserved ? first : first[..MaxObserved] + " …";
    }
}
