using System.Globalization;

namespace Workshop.Grading.Running;

/// <summary>
/// Where a lab's time went, for <c>--timings</c> (grade, check): the steps the runner recorded, then every check.
/// Instructors use it to see what a class costs and which lab or check is slow; nothing of it reaches a student's report.
/// </summary>
public static class LabTimings
{
    /// <summary>Every step of <paramref name="report"/>, the steps first, then each check in run order.</summary>
    public static IReadOnlyList<LabTiming> Steps(LabReport report) =>
        [.. report.Timings, .. report.Results.Select(r => new LabTiming($"check {r.Task} · {r.Check}", r.Duration)),
            new LabTiming("total", report.Timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Duration) + report.Results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration))];

    /// <summary>One line: <c>01: copy 0.2 s · build (csc) 2.9 s · start 1.1 s · checks 3.4 s (slowest: …) · total 7.6 s</c>.</summary>
    public static string Line(LabReport report)
    {
        var checks = report.Results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);
        var slowest = report.Results.OrderByDescending(r => r.Duration).FirstOrDefault();
        var parts = report.Timings.Select(t => $"{t.Step} {Seconds(t.Duration)}").ToList();
        parts.Add($"checks {Seconds(checks)}" + (slowest is null ? "" : $" (slowest: {slowest.Check} {Seconds(slowest.Duration)})"));
        parts.Add($"total {Seconds(Steps(report)[^1].Duration)}");
        return $"{report.Lab.Id}: {string.Join(" · ", parts)}";
    }

    /// <summary>Tab-separated rows (student, lab, step, seconds) for a spreadsheet; the header is <see cref="TsvHeader"/>.</summary>
    public static IEnumerable<string> TsvRows(string student, LabReport report) =>
        Steps(report).Select(t => string.Join('\t', Clean(student), report.Lab.Id, Clean(t.Step), t.Duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));

    /// <summary>The header of <see cref="TsvRows"/>.</summary>
    public const string TsvHeader = "student\tlab\tstep\tseconds";

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    // A student folder's name is the only text here from outside: no tab or line break may split a row.
    private static string Clean(string text) => string.Concat(text.Select(ch => char.IsControl(ch) ? ' ' : ch));
}
