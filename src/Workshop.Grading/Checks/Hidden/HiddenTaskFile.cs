namespace Workshop.Grading.Checks.Hidden;

/// <summary>One hidden-checks file: a hidden task of one lab, its points and its declarative checks.</summary>
internal sealed class HiddenTaskFile
{
    /// <summary>The lab's id, e.g. <c>06</c>.</summary>
    public required string Lab { get; init; }

    /// <summary>The hidden task's id (reported as <c>hidden:&lt;task&gt;</c>).</summary>
    public required string Task { get; init; }

    /// <summary>The task's points (all or nothing).</summary>
    public int Points { get; init; } = 1;

    /// <summary>The checks; every one must pass for the task's points.</summary>
    public required List<HiddenCheck> Checks { get; init; }
}
