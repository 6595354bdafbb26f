namespace Workshop.Grading.Checks;

/// <summary>A task's score: full points when every one of its checks passed, otherwise zero.</summary>
public sealed record TaskScore(string Lab, string Task, string Title, int Points, int Max, bool Hidden, string? Reason);
