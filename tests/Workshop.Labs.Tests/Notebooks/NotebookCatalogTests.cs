using Workshop.Grading.Notebooks;
using Workshop.Labs.Tests.Cli;
using Xunit;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>What the grader reads from the instructor's notebooks: every exercise, its probe, its hints; and a missing probe is an error.</summary>
public sealed class NotebookCatalogTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("workshop-nbcatalog-").FullName;

    [Fact]
    public void Every_exercise_with_a_worked_answer_has_a_probe_and_the_check_cells_hints()
    {
        var catalog = NotebookCatalog.Load(NotebookSubmission.NotebooksDirectory);

        var exercises = catalog.Notebooks.SelectMany(n => n.Exercises).ToList();
        Assert.Equal(NotebookSubmission.ExerciseIds(), exercises.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.All(catalog.Notebooks, n => Assert.True(n.Exercises.Count >= 2, $"{n.FileName} has fewer than two exercises"));
        Assert.All(exercises, e => Assert.Equal(2, e.Hints.Count));
        Assert.All(exercises, e => Assert.True(File.Exists(catalog.ProbeFile(e.Id)), e.Id));
        Assert.Equal("Look at the table at the top: the rows \"Direction\" and \"Who connects\" decide most of these.", exercises.Single(e => e.Id == "04-pick-protocol").Hints[0]);
        Assert.Equal("nb02", catalog.Find("NB2")?.Id);
    }

    [Fact]
    public void An_exercise_without_a_probe_stops_grading_naming_the_file_to_write()
    {
        var notebooks = Path.Combine(_temp, "notebooks");
        TempRepoCopy.Copy(NotebookSubmission.NotebooksDirectory, notebooks);
        File.Delete(Path.Combine(notebooks, "grading", "03-retry-delay.cs"));

        var error = Assert.Throws<InvalidDataException>(() => NotebookCatalog.Load(notebooks));

        Assert.Contains("exercise 03-retry-delay has no probe", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("grading", "03-retry-delay.cs"), error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
