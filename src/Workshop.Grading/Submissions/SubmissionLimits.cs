namespace Workshop.Grading.Submissions;

/// <summary>How much of a submission's lab folder grading takes at most (beyond that, files are refused with the reason).</summary>
public sealed record SubmissionLimits
{
    /// <summary>The largest single file taken.</summary>
    public long MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>The most files taken from one lab.</summary>
    public int MaxFiles { get; init; } = 200;

    /// <summary>The most bytes taken from one lab, all files together.</summary>
    public long MaxTotalBytes { get; init; } = 8 * 1024 * 1024;
}
