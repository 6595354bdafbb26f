namespace Workshop.Grading.Checks;

/// <summary>
/// One check of one task: a name, what is expected (in words a learner understands) and the probe that talks to
/// the running lab. The probe may throw; the runner turns an exception or a timeout into a failure.
/// </summary>
public sealed record LabCheck(string Task, string Name, string Expected, Func<CheckContext, Task<CheckOutcome>> Run)
{
    /// <summary>True for an instructor's hidden check (reported in the gradebook, not in student feedback).</summary>
    public bool Hidden { get; init; }

    /// <summary>The points of the check's task when the task is not in the manifest (hidden tasks).</summary>
    public int? Points { get; init; }

    /// <summary>How long the probe may take before it fails as a timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);
}
