namespace Workshop.Grading.Running;

/// <summary>The outcome of building one lab project: the app's dll, or why there is none.</summary>
public sealed record LabBuild(string ProjectDirectory, string? AssemblyPath, string? Error, TimeSpan Duration)
{
    /// <summary>True when the project compiled.</summary>
    public bool Succeeded => AssemblyPath is not null;
}
