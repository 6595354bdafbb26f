using System.Text.RegularExpressions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>
/// `workshop grade --jobs N`: students graded side by side get exactly the reports they get one after the other
/// (only durations may differ: junit.xml's, and the time offsets and loopback ports in a failed check's exchanges). Speed is the grading benchmark's business (bench/grade.sh), not a test's.
/// </summary>
public sealed partial class GradeJobsTests : IDisposable
{
    private const string Lab = "01-websocket-welcome-echo";
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-grade-jobs-").FullName;

    [Fact]
    public async Task Grading_with_two_jobs_writes_the_same_reports_as_grading_with_one()
    {
        // Three students (so one worker grades two, from the same restored template): solved, untouched start, solved.
        var submissions = Path.Combine(_root, "submissions");
        foreach (var (student, variant) in new[] { ("alice", "solution"), ("bob", "start"), ("carol", "solution") })
        {
            TempRepoCopy.Copy(Path.Combine(RepoPaths.Root, "labs", Lab, variant), Path.Combine(submissions, student, "labs", Lab, "start"));
        }

        var one = await GradeAsync(submissions, "one", "1");
        var two = await GradeAsync(submissions, "two", "2");

        Assert.Contains("alice,01,page,3,3", File.ReadAllLines(Path.Combine(one, "gradebook.csv")));
        Assert.Contains("bob,01,welcome,0,2", File.ReadAllLines(Path.Combine(one, "gradebook.csv")));
        var files = Directory.GetFiles(one, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(one, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(two, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(two, f)).Order(StringComparer.Ordinal));
        Assert.Equal(9, files.Count); // gradebook.csv, junit.xml, summary.txt, and a .md and an .html per student
        foreach (var file in files)
        {
            Assert.Equal(WithoutDurations(File.ReadAllText(Path.Combine(one, file))), WithoutDurations(File.ReadAllText(Path.Combine(two, file))));
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Grade_refuses_a_number_of_jobs_below_one_with_the_reason(string jobs)
    {
        Directory.CreateDirectory(Path.Combine(_root, "submissions", "carol", "labs"));

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(2), "grade", Path.Combine(_root, "submissions"), "--out", Path.Combine(_root, "out"), "--jobs", jobs);

        Assert.Equal(2, exit);
        Assert.Contains("--jobs must be at least 1", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    private async Task<string> GradeAsync(string submissions, string name, string jobs)
    {
        var output = Path.Combine(_root, name);
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(10), "grade", submissions, "--out", output, "--labs", "01", "--jobs", jobs);
        Assert.True(exit == 0, log);
        return output;
    }

    private static string WithoutDurations(string text) =>
        LoopbackPort().Replace(TranscriptOffset().Replace(TimeAttribute().Replace(text, "time=\"\""), "+t s"), "127.0.0.1:port");

    [GeneratedRegex("time=\"[0-9.]+\"")]
    private static partial Regex TimeAttribute();

    [GeneratedRegex(@"\+[0-9]+\.[0-9]{3} s")]
    private static partial Regex TranscriptOffset();

    [GeneratedRegex(@"127\.0\.0\.1:[0-9]+")]
    private static partial Regex LoopbackPort();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaner.
        }
    }
}
