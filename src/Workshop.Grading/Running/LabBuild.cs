namespace Workshop.Grading.Running;

/// <summary>The outcome of building one lab project: the app's dll, or why there is none.</summary>
public sealed record LabBuild(string ProjectDirectory, string? AssemblyPath, string? Error, TimeSpan Duration)
{
    /// <summary>True when the project compiled.</summary>
    public bool Succeeded => AssemblyPath is not null;

    /// <summary>How it was built: <c>dotnet build</c>, <c>csc</c> (the fast path) or <c>up to date</c> (nothing to do).</summary>
    public string Kind { get; init; } = "dotnet build";
}
