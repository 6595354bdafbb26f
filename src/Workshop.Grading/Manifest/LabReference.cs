namespace Workshop.Grading.Manifest;

/// <summary>
/// How a lab's checks meet the reference playground (<c>labs.json</c>'s lab <c>reference</c>): the lab's paths that
/// the playground serves elsewhere, and what of the lab's contract the playground does not have.
/// </summary>
public sealed record LabReference(IReadOnlyDictionary<string, string> Paths, string? NotCovered);
