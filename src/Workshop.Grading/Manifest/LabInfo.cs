namespace Workshop.Grading.Manifest;

/// <summary>One lab as listed in <c>labs/labs.json</c>.</summary>
public sealed record LabInfo(string Id, string Folder, string Title, IReadOnlyList<LabTask> Tasks, IReadOnlyList<string> Hints)
{
    /// <summary>
    /// The files of <c>start/</c> a learner edits (from <c>labs.json</c>'s <c>editable</c>): grading takes only
    /// these from a submission, everything else comes from the instructor's own start project.
    /// </summary>
    public IReadOnlyList<EditableGlob> Editable { get; init; } = [];

    /// <summary>How the lab's checks meet the reference playground, or null when the manifest does not say.</summary>
    public LabReference? Reference { get; init; }

    /// <summary>
    /// True for a notebook's exercises graded as a "lab" (id <c>nbNN</c>, one task per exercise; see
    /// <c>Notebooks/NotebookGrader</c>): the reports call it a notebook.
    /// </summary>
    public bool Notebook { get; init; }

    /// <summary>True when a path relative to <c>start/</c> is one a learner edits.</summary>
    public bool IsEditable(string relativePath) => Editable.Any(g => g.IsMatch(relativePath));

    /// <summary>The points of every task together.</summary>
    public int MaxPoints => Tasks.Sum(t => t.Points);

    /// <summary>The task with this id, or null.</summary>
    public LabTask? FindTask(string taskId) => Tasks.FirstOrDefault(t => t.Id == taskId);
}
