using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>`workshop grade` where no sandbox can be made: it refuses, unless the instructor trusts the submissions.</summary>
public sealed class GradeSandboxTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-nosandbox-").FullName;

    private static readonly Dictionary<string, string> NoBwrap = new() { ["WORKSHOP_BWRAP"] = "/nonexistent/bwrap" };

    private string Submissions()
    {
        // A student without the lab: grading it builds nothing, so the test is about the decision, not a build.
        var submissions = Path.Combine(_root, "submissions");
        Directory.CreateDirectory(Path.Combine(submissions, "carol", "labs"));
        return submissions;
    }

    [Fact]
    public async Task Grade_refuses_with_the_reason_when_no_sandbox_is_available()
    {
        var (exit, log) = await CliRun.RunWithAsync(RepoPaths.Root, NoBwrap, TimeSpan.FromMinutes(2), "grade", Submissions(), "--out", Path.Combine(_root, "out"), "--labs", "01");

        Assert.Equal(2, exit);
        Assert.Contains("bubblewrap", log, StringComparison.Ordinal);
        Assert.Contains("--trust-submissions", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Grade_runs_unsandboxed_when_the_instructor_trusts_the_submissions()
    {
        var (exit, log) = await CliRun.RunWithAsync(RepoPaths.Root, NoBwrap, TimeSpan.FromMinutes(2),
            "grade", Submissions(), "--out", Path.Combine(_root, "out"), "--labs", "01", "--trust-submissions");

        Assert.True(exit == 0, log);
        Assert.Contains("carol,01,welcome,0,2", await File.ReadAllLinesAsync(Path.Combine(_root, "out", "gradebook.csv")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
