using System.Text;
using Workshop.Grading.Checks;
using Workshop.Grading.Running;
using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>Asserts on a lab report, task by task, with the expected vs observed text in the failure message.</summary>
public static class LabAssert
{
    public static async Task TaskPassesAsync(LabSuiteFixture suite, string lab, string task)
    {
        var report = await suite.ReportAsync(lab, LabTarget.Solution);
        var results = ForTask(report, task);
        var failed = results.Where(r => !r.Passed).ToList();
        Assert.True(failed.Count == 0, Describe($"lab {lab} task {task} should pass on {report.Target}", failed));
    }

    public static async Task TaskFailsOnStartAsync(LabSuiteFixture suite, string lab, string task)
    {
        var report = await suite.ReportAsync(lab, LabTarget.Start);
        var results = ForTask(report, task);
        // The start must build and run: a failure "because it did not compile" would prove nothing about the checks.
        Assert.True(report.Error is null, $"the start of lab {lab} should build and run, but: {report.Error}");
        // And the task must fail on a verdict, not only because a probe ran out of time: a check that merely hangs
        // on the start would fail there whatever it tests.
        var verdicts = results.Where(r => !r.Passed && !IsTimeout(r)).ToList();
        Assert.True(verdicts.Count > 0, Describe($"lab {lab} task {task} should fail on the start with a verdict, but every failure was a time-out",
            results.Where(r => !r.Passed).ToList()));
    }

    /// <summary>
    /// One check fails on the start and its observation names <paramref name="cause"/>: the earliest concrete reason
    /// (e.g. "the page never requested GET /events"), which is what lets it end before its deadline.
    /// </summary>
    public static async Task CheckFailsOnStartBecauseAsync(LabSuiteFixture suite, string lab, string check, string cause)
    {
        var report = await suite.ReportAsync(lab, LabTarget.Start);
        Assert.True(report.Error is null, $"the start of lab {lab} should build and run, but: {report.Error}");
        var result = report.Results.SingleOrDefault(r => r.Check == check);
        Assert.True(result is not null, $"lab {lab} has no check named \"{check}\"");
        Assert.False(result.Passed, $"lab {lab}'s check \"{check}\" should fail on the start");
        Assert.True(result.Observed.Contains(cause, StringComparison.Ordinal),
            $"lab {lab}'s check \"{check}\" should say why it failed (\"{cause}\"), but observed: {result.Observed}");
    }

    private static bool IsTimeout(CheckResult result) => result.Observed.Contains("(timed out)", StringComparison.Ordinal)
        || result.Observed.StartsWith("timed out:", StringComparison.Ordinal);

    private static List<CheckResult> ForTask(LabReport report, string task)
    {
        var results = report.Results.Where(r => r.Task == task).ToList();
        Assert.True(results.Count > 0, $"lab {report.Lab.Id} has no checks for task {task}");
        return results;
    }

    private static string Describe(string title, List<CheckResult> failed)
    {
        var text = new StringBuilder(title).Append(':');
        foreach (var r in failed) text.Append($"\n  ✗ {r.Check}\n    expected: {r.Expected}\n    observed: {r.Observed}");
        return text.ToString();
    }
}
