namespace Workshop.Grading.Manifest;

/// <summary>One numbered task of a lab, worth <see cref="Points"/> when every check of it passes.</summary>
public sealed record LabTask(string Id, string Title, int Points, TaskHints? Hints = null)
{
    /// <summary>The level-1 hint (a nudge, never code): what reports and feedback show.</summary>
    public string? Nudge => Hints?.Nudge;

    /// <summary>Whether (and which checks) the reference playground passes, or null when the manifest does not say.</summary>
    public TaskReference? Reference { get; init; }
}
