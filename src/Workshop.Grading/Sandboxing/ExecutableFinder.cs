namespace Workshop.Grading.Sandboxing;

/// <summary>Looks a program up on PATH (and the usual system folders, for a grader started with a thin PATH).</summary>
internal static class ExecutableFinder
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }
}
