using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Checks;

/// <summary>The result of one check against one target.</summary>
public sealed record CheckResult(
    string Lab,
    string Task,
    string Check,
    int TaskPoints,
    bool Passed,
    string Expected,
    string Observed,
    string? Hint,
    bool Hidden,
    TimeSpan Duration)
{
    /// <summary>What the check exchanged with the target (kept for failed checks only; null otherwise).</summary>
    public Transcript? Transcript { get; init; }
}
