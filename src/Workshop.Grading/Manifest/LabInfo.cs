namespace Workshop.Grading.Manifest;

/// <summary>One lab as listed in <c>labs/labs.json</c>.</summary>
public sealed record LabInfo(string Id, string Folder, string Title, IReadOnlyList<LabTask> Tasks, IReadOnlyList<string> Hints)
{
    /// <summary>The points of every task together.</summary>
    public int MaxPoints => Tasks.Sum(t => t.Points);

    /// <summary>The task with this id, or null.</summary>
    public LabTask? FindTask(string taskId) => Tasks.FirstOrDefault(t => t.Id == taskId);
}
