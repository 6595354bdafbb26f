namespace Workshop.Testing;

/// <summary>Paths inside the repository the tests were built from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>Workshop.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workshop.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Workshop.sln above {AppContext.BaseDirectory}.");
    }
}
