namespace Workshop.Grading.Running;

/// <summary>How long one step of grading a lab took (copying the submission, the build, the app's start, one check).</summary>
public sealed record LabTiming(string Step, TimeSpan Duration);
