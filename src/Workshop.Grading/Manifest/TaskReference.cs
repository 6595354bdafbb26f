namespace Workshop.Grading.Manifest;

/// <summary>
/// Whether the reference playground covers a task (<c>labs.json</c>'s task <c>reference</c>): the checks of the task
/// it passes by its public contract, and why the others (or the whole task) are not run against it.
/// </summary>
public sealed record TaskReference(IReadOnlyList<string> Checks, string? NotCovered)
{
    /// <summary>True when at least one of the task's checks runs against the playground.</summary>
    public bool Covered => Checks.Count > 0;
}
