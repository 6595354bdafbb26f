using Workshop.Grading.Notebooks;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// The notebooks' exercises in the gradebook, graded by differential testing in the sandbox (<see cref="NotebookClass"/>):
/// what each kind of student gets, including those who want the points without the work.
/// </summary>
public sealed class NotebookGradingTests(NotebookClass grades) : IClassFixture<NotebookClass>
{
    public static TheoryData<string> Exercises() => new(NotebookSubmission.ExerciseIds());

    [Theory]
    [MemberData(nameof(Exercises))]
    public void The_worked_answer_passes_its_exercise(string exercise) =>
        Assert.True(grades.Result("answers", exercise).Passed, grades.Result("answers", exercise).Observed);

    [Theory]
    [MemberData(nameof(Exercises))]
    public void The_shipped_cell_is_not_done_yet(string exercise) =>
        Assert.StartsWith("not done yet: the exercise cell still throws NotImplementedException", grades.Result("shipped", exercise).Observed, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Exercises))]
    public void The_plausible_wrong_answer_is_wrong_naming_a_case(string exercise)
    {
        var result = grades.Result("wrong", exercise);
        Assert.False(result.Passed);
        Assert.StartsWith("wrong: ", result.Observed, StringComparison.Ordinal);
        Assert.NotNull(result.Hint);
    }

    [Fact]
    public void Every_exercise_of_every_notebook_is_graded_one_point_each()
    {
        var graded = grades.Grades["answers"].Reports.SelectMany(r => r.Results).Select(r => r.Task).Order(StringComparer.Ordinal);
        Assert.Equal(NotebookSubmission.ExerciseIds(), graded);
        Assert.Equal(NotebookSubmission.ExerciseIds().Count(), grades.Grades["answers"].Points);
        Assert.All(grades.Grades["answers"].Reports, r => Assert.Matches("^nb0[0-9]$", r.Lab.Id));
    }

    [Fact]
    public void A_cell_that_forges_the_probes_results_file_and_exits_is_not_passed()
    {
        var result = grades.Result("forger", "00-websocket-url");
        Assert.False(result.Passed, result.Observed);
        Assert.StartsWith("wrong: ", result.Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_prints_passed_is_not_passed()
    {
        var result = grades.Result("forger", "02-replay-after");
        Assert.False(result.Passed, result.Observed);
        Assert.Contains("expected", result.Observed, StringComparison.Ordinal);
        // The forger's other exercises are untouched shipped cells: its Environment.Exit cost only its own exercise.
        Assert.StartsWith("not done yet", grades.Result("forger", "04-polling-cost").Observed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exercise_that_hangs_or_spins_is_wrong_within_the_case_deadline_and_the_others_still_pass()
    {
        foreach (var exercise in new[] { "03-retry-delay", "02-format-event" })
        {
            var result = grades.Result("hanger", exercise);
            Assert.False(result.Passed);
            Assert.Contains("did not finish within 10 s", result.Observed, StringComparison.Ordinal);
        }
        Assert.True(grades.Result("hanger", "03-razorpay-verify").Passed, grades.Result("hanger", "03-razorpay-verify").Observed);
        Assert.True(grades.Result("hanger", "00-read-greeting").Passed, grades.Result("hanger", "00-read-greeting").Observed);
    }

    [Fact]
    public void Cells_that_are_not_exercises_never_run()
    {
        Assert.False(File.Exists(NotebookClass.Marker), "a cell that is not an exercise ran");
        Assert.Equal(grades.Grades["answers"].Points, grades.Grades["mischief"].Points);
        // The sandbox's private /tmp would hide the marker of a cell that ran anyway: what is taken is checked too.
        var catalog = NotebookCatalog.Load(NotebookSubmission.NotebooksDirectory);
        foreach (var notebook in catalog.Notebooks)
        {
            var taken = StudentNotebook.Read(Path.Combine(grades.Submissions, "mischief"), notebook);
            Assert.Equal(notebook.Exercises.Select(e => e.Id).Order(), taken.Cells.Keys.Order());
            Assert.All(taken.Cells.Values, cell => Assert.DoesNotContain(NotebookClass.Marker, cell, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_cell_that_does_not_compile_is_wrong_and_the_others_still_pass()
    {
        var broken = grades.Result("broken", "04-polling-cost");
        Assert.StartsWith("wrong: the exercise cell does not compile", broken.Observed, StringComparison.Ordinal);
        Assert.Contains("notebooks/04-choosing-a-protocol.ipynb, exercise 04-polling-cost(2,", broken.Observed, StringComparison.Ordinal);
        foreach (var exercise in new[] { "00-read-greeting", "02-format-event", "04-pick-protocol" }) Assert.True(grades.Result("broken", exercise).Passed, exercise);
    }

    [Theory]
    [InlineData("03-razorpay-verify", "Workshop")]
    [InlineData("03-retry-delay", "Workshop")]
    public void A_cell_that_calls_the_reference_library_instead_of_the_exercise_does_not_compile(string exercise, string missing)
    {
        var result = grades.Result("cheater", exercise);
        Assert.False(result.Passed, result.Observed);
        Assert.StartsWith("wrong: the exercise cell does not compile", result.Observed, StringComparison.Ordinal);
        Assert.Contains($"'{missing}'", result.Observed, StringComparison.Ordinal);
        // Only the cheats are refused: the cheater's other cells, compiled without the library too, pass.
        Assert.True(grades.Result("cheater", "02-format-event").Passed, grades.Result("cheater", "02-format-event").Observed);
    }

    [Fact]
    public void A_malformed_or_huge_notebook_is_refused_with_the_reason()
    {
        Assert.Contains("notebooks/03-webhooks.ipynb could not be read", grades.Result("broken", "03-retry-delay").Observed, StringComparison.Ordinal);
        Assert.Contains("notebooks/01-websockets.ipynb is larger than 4 MB", grades.Result("broken", "01-client-frame").Observed, StringComparison.Ordinal);
    }
}
