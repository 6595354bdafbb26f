namespace Workshop.Cli;

/// <summary>
/// The last check result of one lab, as stored in <c>.workshop/progress.json</c>: the score, and per task id
/// whether it passed (<c>workshop hint</c> starts at the first task that did not). <see cref="Tasks"/> is null in a
/// file written before per-task results were kept.
/// </summary>
public sealed record LabProgress(bool Passed, int Points, int Max, DateTimeOffset CheckedAt, IReadOnlyDictionary<string, bool>? Tasks = null);
