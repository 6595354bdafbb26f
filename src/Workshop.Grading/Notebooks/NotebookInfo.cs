using Workshop.Grading.Manifest;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// One instructor notebook as the grader sees it: its gradebook id (<c>nb02</c>, from the file's number), its file,
/// its title, the usings its set-up cells give every later cell, and its exercises in notebook order.
/// </summary>
public sealed record NotebookInfo(string Id, string FileName, string Title, IReadOnlyList<string> Usings, IReadOnlyList<NotebookExercise> Exercises)
{
    /// <summary>The notebook as a gradebook "lab": one task per exercise, worth <see cref="NotebookExercise.Points"/> each.</summary>
    public LabInfo AsLab() =>
        new(Id, "notebooks/" + FileName, Title, Exercises.Select(e => new LabTask(e.Id, e.Title, NotebookExercise.Points)).ToList(), []) { Notebook = true };
}
