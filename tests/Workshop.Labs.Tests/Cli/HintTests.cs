using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Reports;
using Workshop.Grading.Running;
using Workshop.Grading.Submissions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary><c>workshop hint</c> gives one level of one task at a time, and reports and feedback only ever nudge.</summary>
public sealed class HintTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);
    private static readonly LabManifest Manifest = RepoPaths.Manifest;

    private static TaskHints HintsOf(string lab, string task) => Manifest.Find(lab)!.FindTask(task)!.Hints!;

    [Fact]
    public async Task Hint_on_a_fresh_start_shows_only_the_first_tasks_nudge()
    {
        using var repo = new TempRepoCopy(); // no .workshop/progress.json: no check has run
        var (exit, output) = await CliRun.RunInAsync(repo.Root, Quick, "hint", "03");

        Assert.True(exit == 0, output);
        var lab = Manifest.Find("03")!;
        Assert.Contains(Flat(lab.Tasks[0].Hints!.Nudge), Flat(output), StringComparison.Ordinal);
        Assert.DoesNotContain(Flat(lab.Tasks[0].Hints!.Concept), Flat(output), StringComparison.Ordinal);
        Assert.DoesNotContain("message.Length + result.Count", output, StringComparison.Ordinal);
        foreach (var other in lab.Tasks.Skip(1)) Assert.DoesNotContain(Flat(other.Hints!.Nudge), Flat(output), StringComparison.Ordinal);
        Assert.Contains("--level 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hint_at_level_3_shows_that_tasks_code()
    {
        using var repo = new TempRepoCopy();
        var (exit, output) = await CliRun.RunInAsync(repo.Root, Quick, "hint", "03", "--level", "3");

        Assert.True(exit == 0, output);
        foreach (var line in HintsOf("03", "limit").Code.Split('\n')) Assert.Contains(line, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Flat(HintsOf("03", "limit").Nudge), Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hint_for_a_named_task_at_level_2_shows_its_concept()
    {
        using var repo = new TempRepoCopy();
        var (exit, output) = await CliRun.RunInAsync(repo.Root, Quick, "hint", "03", "--task", "keepalive", "--level", "2");

        Assert.True(exit == 0, output);
        Assert.Contains(Flat(HintsOf("03", "keepalive").Concept), Flat(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--task", "nosuchtask", "has no task 'nosuchtask'")]
    [InlineData("--level", "4", "no hint level '4'")]
    [InlineData("--level", "code", "no hint level 'code'")]
    public async Task Hint_with_an_unknown_task_or_level_exits_with_2_and_says_why(string option, string value, string message)
    {
        var (exit, output) = await CliRun.RunAsync(Quick, "hint", "03", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_check_run_where_task_1_passes_hint_shows_task_2s_nudge()
    {
        using var repo = new TempRepoCopy();
        var program = Path.Combine(repo.Lab("01-websocket-welcome-echo", "start"), "Program.cs");
        var text = await File.ReadAllTextAsync(program);
        const string Todo = "    // TODO 1 (welcome)";
        Assert.Contains(Todo, text, StringComparison.Ordinal);
        // The learner does task 1 exactly as its level-3 hint says (which also proves the start declares what it uses).
        await File.WriteAllTextAsync(program, text.Replace(Todo, "    " + HintsOf("01", "welcome").Code + "\n" + Todo, StringComparison.Ordinal));

        var (checkExit, checkOutput) = await CliRun.RunInAsync(repo.Root, TimeSpan.FromMinutes(4), "check", "01");
        Assert.True(checkExit == 1, checkOutput);
        Assert.Contains("✓ 1.", checkOutput, StringComparison.Ordinal);
        // The check's own hint line is the first failing task's nudge, never its code.
        Assert.Contains(Flat(HintsOf("01", "echo").Nudge), Flat(checkOutput), StringComparison.Ordinal);
        Assert.DoesNotContain("SetLength", checkOutput, StringComparison.Ordinal);

        var (exit, output) = await CliRun.RunInAsync(repo.Root, Quick, "hint", "01");

        Assert.True(exit == 0, output);
        Assert.Contains(Flat(HintsOf("01", "echo").Nudge), Flat(output), StringComparison.Ordinal);
        Assert.DoesNotContain(Flat(HintsOf("01", "welcome").Nudge), Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_of_a_failed_task_shows_its_nudge_and_never_its_concept_or_code()
    {
        var lab = Manifest.Find("06")!;
        var hints = lab.FindTask("signature")!.Hints!;
        var checks = new[] { new LabCheck("signature", "a forged delivery is refused", "401", _ => Task.FromResult(CheckOutcome.Fail("200"))) };
        await using var browser = new BrowserSession();
        var report = await new LabRunner(browser).RunAgainstAsync(lab, new Uri("http://127.0.0.1:9/"), checks, "test");

        var markdown = FeedbackWriter.ToMarkdown(new StudentGrade("ada", [report]));
        var html = FeedbackWriter.ToHtml(new StudentGrade("ada", [report]));

        Assert.Equal(hints.Nudge, report.Results.Single().Hint);
        Assert.Contains("Hint:", markdown, StringComparison.Ordinal);
        foreach (var feedback in new[] { markdown, html })
        {
            Assert.DoesNotContain("HashData", feedback, StringComparison.Ordinal);
            Assert.DoesNotContain("constant time", feedback, StringComparison.Ordinal); // the concept's words
        }
    }

    // Console output wraps and indents long lines; compare texts without their whitespace.
    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
