namespace Workshop.Grading.Manifest;

/// <summary>One numbered task of a lab, worth <see cref="Points"/> when every check of it passes.</summary>
public sealed record LabTask(string Id, string Title, int Points, string? Hint = null);
