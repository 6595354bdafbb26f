namespace Workshop.Grading.Manifest;

/// <summary>
/// The one way to find the course (the repository, or a learner's classroom copy of it): the nearest folder holding
/// <c>labs/labs.json</c>. The CLI, the grader and the tests all look for the same file, so they agree on the root
/// wherever they are started from.
/// </summary>
public static class CourseRoot
{
    /// <summary>The manifest's path relative to the root.</summary>
    public static readonly string ManifestRelativePath = Path.Combine("labs", "labs.json");

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>labs/labs.json</c>, or null.</summary>
    public static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(ManifestPath(dir.FullName))) return dir.FullName;
        }
        return null;
    }

    /// <summary><c>labs/labs.json</c> under <paramref name="root"/>.</summary>
    public static string ManifestPath(string root) => Path.Combine(root, ManifestRelativePath);
}
