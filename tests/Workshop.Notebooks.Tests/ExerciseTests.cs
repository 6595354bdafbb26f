using Microsoft.DotNet.Interactive.Documents;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Notebooks.Tests;

/// <summary>
/// Every notebook has "Your turn" exercises, each followed by its check; as shipped every check says "not done yet"
/// without failing the run (see <see cref="NotebookExecutionTests"/>), and with the worked answers every check passes.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ExerciseTests(ITestOutputHelper output)
{
    public static TheoryData<string> Notebooks() => new(TwinTests.Notebooks);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_has_two_exercises_each_followed_by_its_check_and_backed_by_an_answer(string name)
    {
        var document = NotebookFile.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "notebooks", name + ".ipynb")));
        var code = document.Elements.Where(e => e.KernelName is not ("markdown" or "md")).ToList();
        var exercises = 0;
        for (var i = 0; i < code.Count; i++)
        {
            if (!Exercises.Tags(code[i]).Contains(Exercises.ExerciseTag)) continue;
            exercises++;
            var id = Exercises.ExerciseId(Exercises.FirstLine(code[i].Contents));
            Assert.True(id is not null && id.StartsWith(name[..3], StringComparison.Ordinal),
                $"{name}: exercise cell '{Exercises.FirstLine(code[i].Contents)}' must start with '// Your turn ({name[..3]}...): '.");
            Assert.True(i + 1 < code.Count && Exercises.Tags(code[i + 1]).Contains(Exercises.CheckTag),
                $"{name}: exercise {id} must be followed by a code cell tagged 'check'.");
            Assert.Equal(id, Exercises.CheckId(Exercises.FirstLine(code[i + 1].Contents)));
            Assert.Contains("NotImplementedException", code[i].Contents, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "notebooks", "answers", id + ".cs")), $"{name}: no answer for {id}.");
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "notebooks", "answers", "wrong", id + ".cs")), $"{name}: no plausible wrong answer for {id}.");
        }
        Assert.True(exercises >= 2, $"{name} has {exercises} exercise cell(s); every notebook needs at least two.");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task With_the_worked_answers_every_check_of_the_notebook_passes(string name)
    {
        var run = await NotebookRunner.RunAsync(name + ".ipynb", answers: "answers");
        output.WriteLine($"{name} with answers: {run.Elapsed.TotalSeconds:0.0} s");
        var checks = run.Cells.Where(c => c.Tags.Contains(Exercises.CheckTag)).ToList();
        Assert.True(checks.Count >= 2, $"{name}: expected at least two check cells, ran {checks.Count}.");
        foreach (var check in checks)
        {
            output.WriteLine(check.Output);
            var id = Exercises.CheckId(check.FirstLine);
            Assert.True(check.Output.Contains($"[passed] {id}", StringComparison.Ordinal),
                $"{name}: {check} did not pass with the worked answer:\n{check.Output}");
            Assert.DoesNotContain("[wrong]", check.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task With_plausible_wrong_answers_every_check_of_the_notebook_says_wrong_and_points_to_the_answer(string name)
    {
        var run = await NotebookRunner.RunAsync(name + ".ipynb", answers: "answers/wrong");
        output.WriteLine($"{name} with wrong answers: {run.Elapsed.TotalSeconds:0.0} s");
        var checks = run.Cells.Where(c => c.Tags.Contains(Exercises.CheckTag)).ToList();
        Assert.True(checks.Count >= 2, $"{name}: expected at least two check cells, ran {checks.Count}.");
        foreach (var check in checks)
        {
            output.WriteLine(check.Output);
            var id = Exercises.CheckId(check.FirstLine);
            Assert.True(check.Output.Contains($"[wrong] {id}: ", StringComparison.Ordinal),
                $"{name}: {check} let a plausible wrong answer through:\n{check.Output}");
            Assert.Contains($"notebooks/answers/{id}.cs", check.Output, StringComparison.Ordinal);
        }
    }
}
