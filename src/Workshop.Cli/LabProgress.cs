namespace Workshop.Cli;

/// <summary>The last check result of one lab, as stored in <c>.workshop/progress.json</c>.</summary>
public sealed record LabProgress(bool Passed, int Points, int Max, DateTimeOffset CheckedAt);
