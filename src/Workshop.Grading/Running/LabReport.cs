using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;

namespace Workshop.Grading.Running;

/// <summary>Every check result of one lab against one target, plus why the lab could not run (if it could not).</summary>
public sealed record LabReport(LabInfo Lab, string Target, IReadOnlyList<CheckResult> Results, string? Error, TimeSpan Duration)
{
    /// <summary>What the student should know besides the checks (e.g. files of the submission that were refused).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How long the steps before the checks took (copy, build, start); see <see cref="LabTimings"/>.</summary>
    public IReadOnlyList<LabTiming> Timings { get; init; } = [];

    /// <summary>True when every check passed (and there was at least one).</summary>
    public bool Passed => Results.Count > 0 && Results.All(r => r.Passed);

    /// <summary>Per task: full points when all its checks passed, else zero with the first failure's reason.</summary>
    public IReadOnlyList<TaskScore> Scores()
    {
        var scores = new List<TaskScore>();
        foreach (var group in Results.GroupBy(r => (r.Task, r.Hidden)))
        {
            var task = Lab.FindTask(group.Key.Task);
            var max = task?.Points ?? group.First().TaskPoints;
            var failed = group.FirstOrDefault(r => !r.Passed);
            scores.Add(new TaskScore(Lab.Id, group.Key.Task, task?.Title ?? group.Key.Task, failed is null ? max : 0, max, group.Key.Hidden,
                failed is null ? null : $"{failed.Check}: expected {failed.Expected}; observed {failed.Observed}"));
        }
        return scores;
    }
}
