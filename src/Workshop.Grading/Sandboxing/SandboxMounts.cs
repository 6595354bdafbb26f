namespace Workshop.Grading.Sandboxing;

/// <summary>
/// What one sandboxed command sees of the grader's disk beyond the read-only system: folders shown read-only and
/// folders it may write, each at its own path, plus writable folders shown at another path inside.
/// </summary>
public sealed record SandboxMounts
{
    /// <summary>Folders visible read-only at the same path (e.g. the instructor's lab template).</summary>
    public IReadOnlyList<string> ReadOnly { get; init; } = [];

    /// <summary>Folders writable at the same path (the student's working copy and output folder), mounted after <see cref="ReadOnly"/>.</summary>
    public IReadOnlyList<string> Writable { get; init; } = [];

    /// <summary>
    /// Folders hidden behind an empty tmpfs besides the usual ones (homes, work and temp folders): e.g. the worked
    /// answers of a repository that lives where the sandbox could otherwise read it (<c>/opt/course</c>).
    /// </summary>
    public IReadOnlyList<string> Hidden { get; init; } = [];

    /// <summary>Writable folders shown at another path inside (host path → sandbox path).</summary>
    public IReadOnlyDictionary<string, string> WritableAt { get; init; } = new Dictionary<string, string>();
}
