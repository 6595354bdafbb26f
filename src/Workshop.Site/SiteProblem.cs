namespace Workshop.Site;

/// <summary>One reason the build failed, pointing at the source that caused it.</summary>
/// <param name="File">The source file, relative to the repository root.</param>
/// <param name="Line">The 1-based line in that file (0 when the whole file is at fault).</param>
/// <param name="Message">What is wrong.</param>
public sealed record SiteProblem(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
