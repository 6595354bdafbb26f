using System.Xml.Linq;
using Workshop.Labs.Tests.Cli;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// `workshop grade --labs nb00`: the notebooks' exercises selected like labs, one gradebook row per exercise, a
/// notebook section in the feedback and a JUnit suite per notebook; an unknown notebook is refused before grading.
/// </summary>
public sealed class GradeNotebooksCliTests : IDisposable
{
    // Not CreateTempSubdirectory (mode 0700): the sandbox's user must reach the folders under it.
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workshop-nbcli-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task Grade_writes_a_row_per_notebook_exercise_with_its_verdict_in_the_feedback()
    {
        var submissions = Path.Combine(_root, "submissions");
        new NotebookSubmission(Path.Combine(submissions, "alice")).Write(id => id.StartsWith("00-", StringComparison.Ordinal) ? NotebookSubmission.Answer(id) : null);
        Directory.CreateDirectory(Path.Combine(submissions, "bob"));
        var output = Path.Combine(_root, "out");

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(8), "grade", submissions, "--out", output, "--labs", "nb00,nb4");

        Assert.True(exit == 0, log);
        var rows = await File.ReadAllLinesAsync(Path.Combine(output, "gradebook.csv"));
        Assert.Equal(
            ["student,lab,task,points,max",
             "alice,nb00,00-read-greeting,1,1", "alice,nb00,00-websocket-url,1,1", "alice,nb04,04-pick-protocol,0,1", "alice,nb04,04-polling-cost,0,1",
             "bob,nb00,00-read-greeting,0,1", "bob,nb00,00-websocket-url,0,1", "bob,nb04,04-pick-protocol,0,1", "bob,nb04,04-polling-cost,0,1"],
            rows);
        var alice = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "alice.md"));
        Assert.Contains("## Notebook 00 · Welcome to the Realtime Protocols Workshop (2 / 2)", alice, StringComparison.Ordinal);
        Assert.Contains("not done yet: the exercise cell still throws NotImplementedException", alice, StringComparison.Ordinal);
        Assert.Contains("Hint: Look at the table at the top", alice, StringComparison.Ordinal);
        var bob = await File.ReadAllTextAsync(Path.Combine(output, "feedback", "bob.md"));
        Assert.Contains("notebooks/00-welcome.ipynb is missing from the submission", bob, StringComparison.Ordinal);
        var junit = XDocument.Load(Path.Combine(output, "junit.xml"));
        Assert.Equal(["alice.nb00", "alice.nb04", "bob.nb00", "bob.nb04"], junit.Root!.Elements("testsuite").Select(s => s.Attribute("name")!.Value));
    }

    [Fact]
    public async Task Grade_refuses_a_notebook_that_does_not_exist_naming_the_known_ones()
    {
        Directory.CreateDirectory(Path.Combine(_root, "submissions", "carol"));

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(2), "grade", Path.Combine(_root, "submissions"), "--out", Path.Combine(_root, "out"), "--labs", "nb42");

        Assert.Equal(2, exit);
        Assert.Contains("there is no notebook 'nb42' to grade. Known notebooks: nb00, nb01, nb02, nb03, nb04", log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Grade_with_no_notebooks_refuses_a_selection_that_names_one()
    {
        Directory.CreateDirectory(Path.Combine(_root, "submissions", "carol"));

        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(2), "grade", Path.Combine(_root, "submissions"), "--out", Path.Combine(_root, "out"), "--labs", "nb01", "--no-notebooks");

        Assert.Equal(2, exit);
        Assert.Contains("there is no notebook 'nb01' to grade (--no-notebooks)", log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
