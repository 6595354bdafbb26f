using Workshop.Grading.Manifest;

namespace Workshop.Testing;

/// <summary>Paths inside the repository the tests were built from (found as the CLI and the grader find it: <see cref="CourseRoot"/>).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() => CourseRoot.FindAbove(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No {CourseRoot.ManifestRelativePath} above {AppContext.BaseDirectory}."));

    /// <summary>The repository's root folder (holding <c>labs/labs.json</c> and <c>Workshop.sln</c>).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The repository's <c>labs/labs.json</c>.</summary>
    public static string LabsManifest => CourseRoot.ManifestPath(Root);

    /// <summary>The repository's lab manifest, read once (its records are immutable, so tests share it).</summary>
    public static LabManifest Manifest => LazyManifest.Value;

    private static readonly Lazy<LabManifest> LazyManifest = new(() => LabManifest.Load(LabsManifest));

    /// <summary>The build configuration the tests run under (Debug or Release), read from their own output path.</summary>
    public static string Configuration
    {
        get
        {
            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var bin = Array.LastIndexOf(parts, "bin");
            return bin >= 0 && bin + 1 < parts.Length ? parts[bin + 1] : "Debug";
        }
    }

    /// <summary>The built assembly of a project under <c>src/</c>, e.g. <c>Workshop.Playground</c>.</summary>
    public static string BuiltAssembly(string project)
        => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", project + ".dll");
}
