using System.Globalization;
using System.Net;
using System.Text;
using Workshop.Grading.Submissions;

namespace Workshop.Grading.Reports;

/// <summary>One student's feedback: what passed, what failed and why, as Markdown and as a standalone HTML page.</summary>
public static class FeedbackWriter
{
    /// <summary>Markdown feedback; hidden checks are left out unless <paramref name="showHidden"/>.</summary>
    public static string ToMarkdown(StudentGrade grade, bool showHidden = false)
    {
        var md = new StringBuilder();
        var visible = grade.Reports.Select(r => (Report: r, Scores: r.Scores().Where(s => showHidden || !s.Hidden).ToList())).ToList();
        md.Append(CultureInfo.InvariantCulture, $"# Feedback for {grade.Student}\n\nTotal: **{visible.Sum(v => v.Scores.Sum(s => s.Points))} / {visible.Sum(v => v.Scores.Sum(s => s.Max))}** points\n");
        foreach (var (report, scores) in visible)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## Lab {report.Lab.Id} · {report.Lab.Title} ({scores.Sum(s => s.Points)} / {scores.Sum(s => s.Max)})\n\n");
            if (report.Error is not null) md.Append(CultureInfo.InvariantCulture, $"The lab could not be checked: {FirstLine(report.Error)}\n\n");
            foreach (var score in scores)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {(score.Points == score.Max ? "✅" : "❌")} **{score.Title}** ({score.Points} / {score.Max})\n");
                // When the lab could not run at all, the reason above says it once; per-check lines would repeat it.
                if (report.Error is not null) continue;
                foreach (var r in report.Results.Where(r => r.Task == score.Task && !r.Passed && (showHidden || !r.Hidden)))
                {
                    md.Append(CultureInfo.InvariantCulture, $"  - {r.Check}: expected {r.Expected}; observed: {FirstLine(r.Observed)}\n");
                    if (r.Hint is not null) md.Append(CultureInfo.InvariantCulture, $"  - Hint: {r.Hint}\n");
                }
            }
        }
        return md.ToString();
    }

    /// <summary>The same feedback as a small standalone HTML page (every value encoded).</summary>
    public static string ToHtml(StudentGrade grade, bool showHidden = false)
    {
        var html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feedback</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto}.pass{color:#176e2a}.fail{color:#a1141c}small{color:#555}</style></head><body>\n");
        foreach (var line in ToMarkdown(grade, showHidden).Split('\n'))
        {
            var text = WebUtility.HtmlEncode(line.TrimStart(' ', '-', '#').Replace("**", "", StringComparison.Ordinal));
            if (line.StartsWith("# ", StringComparison.Ordinal)) html.Append("<h1>").Append(text).Append("</h1>\n");
            else if (line.StartsWith("## ", StringComparison.Ordinal)) html.Append("<h2>").Append(text).Append("</h2>\n");
            else if (line.StartsWith("- ", StringComparison.Ordinal)) html.Append("<p class=\"").Append(line.Contains('✅', StringComparison.Ordinal) ? "pass" : "fail").Append("\">").Append(text).Append("</p>\n");
            else if (line.StartsWith("  - ", StringComparison.Ordinal)) html.Append("<p><small>").Append(text).Append("</small></p>\n");
            else if (line.Length > 0) html.Append("<p>").Append(text).Append("</p>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    private static string FirstLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : lines.Length == 1 ? lines[0] : $"{lines[0]} {lines[1]}";
    }
}
