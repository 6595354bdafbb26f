using System.Xml.Linq;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>
/// `workshop grade` over a folder of three copies: one solved, one that does not compile, one without the lab,
/// plus a hidden check from outside the submissions.
/// </summary>
public sealed class GradeTests : IDisposable
{
    private const string Lab = "01-websocket-welcome-echo";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workshop-grade-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Grade_scores_a_solved_copy_full_a_broken_copy_zero_and_reports_why()
    {
        var submissions = Path.Combine(_root, "submissions");
        using var source = new TempRepoCopy();
        // alice: solved lab 01 (her start/ holds the solution's files) and tampered with the checks in her copy.
        TempRepoCopy.Copy(source.Root, Path.Combine(submissions, "alice"));
        TempRepoCopy.Copy(source.Lab(Lab, "solution"), Path.Combine(submissions, "alice", "labs", Lab, "start"));
        await File.WriteAllTextAsync(Path.Combine(submissions, "alice", "labs", "labs.json"), "{ \"labs\": [] }");
        // bob: his start does not compile.
        TempRepoCopy.Copy(source.Root, Path.Combine(submissions, "bob"));
        await File.AppendAllTextAsync(Path.Combine(submissions, "bob", "labs", Lab, "start", "Program.cs"), "\nthis is not C#\n");
        // carol: deleted the lab.
        Directory.CreateDirectory(Path.Combine(submissions, "carol", "labs"));
        var hidden = Path.Combine(_root, "hidden");
        Directory.CreateDirectory(hidden);
        await File.WriteAllTextAsync(Path.Combine(hidden, "unicode.json"), """
            { "lab": "01", "task": "unicode-echo", "points": 1, "checks": [
              { "name": "echoes accents", "kind": "websocket", "path": "/ws/echo", "send": ["héllo"], "expect": ["Welcome!", "héllo"] } ] }
            """);
        var output = Path.Combine(_root, "out");

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(6), "grade", submissions, "--out", output, "--labs", "01", "--extra-checks", hidden);

        Assert.True(exit == 0, log);
        var rows = (await File.ReadAllLinesAsync(Path.Combine(output, "gradebook.csv"))).ToList();
        Assert.Equal("student,lab,task,points,max", rows[0]);
        Assert.Contains("alice,01,welcome,2,2", rows);
        Assert.Contains("alice,01,echo,3,3", rows);
        Assert.Contains("alice,01,page,3,3", rows);
        Assert.Contains("alice,01,hidden:unicode-echo,1,1", rows);
        Assert.Contains("bob,01,welcome,0,2", rows);
        Assert.Contains("carol,01,echo,0,3", rows);

        var bob = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "bob.md"));
        Assert.Contains("does not compile", bob, StringComparison.Ordinal);
        var carol = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "carol.html"));
        Assert.Contains("is missing from the submission", carol, StringComparison.Ordinal);
        var alice = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "alice.md"));
        Assert.Contains("10 / 10", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("unicode", alice, StringComparison.Ordinal);

        var junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        Assert.Equal(3, junit.Root!.Elements("testsuite").Count());
        Assert.Contains(junit.Descendants("testcase"), t => t.Attribute("classname")!.Value.StartsWith("bob.", StringComparison.Ordinal) && t.Element("failure") is not null);
    }

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
