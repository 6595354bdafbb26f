namespace Workshop.Grading.Sandboxing;

/// <summary>
/// Where a cgroup v2 grader puts its workers' groups: under its own group when it may write there (a systemd service
/// with <c>Delegate=yes</c>, a user session with delegation), so that whatever limits the grader itself has still hold
/// and nothing is created beside the system's own groups; otherwise under the root of the hierarchy.
/// </summary>
internal static class SandboxCgroupParent
{
    private const string Folder = "workshop-grade";
    private const string Leaf = "workshop-grader";

    /// <summary>
    /// The grader's own group (<c>0::/path</c> in <paramref name="selfCgroup"/>), or null when it is the root. A grader
    /// that already moved itself into its leaf (below) is still in the same own group: every worker's sandbox asks
    /// again, and must get the same answer, not the leaf (a group with the grader in it cannot hand controllers down).
    /// </summary>
    public static string? Delegated(string root, string selfCgroup)
    {
        var path = File.ReadLines(selfCgroup).FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..].Trim().Trim('/');
        if (path is not null && (path == Leaf || path.EndsWith("/" + Leaf, StringComparison.Ordinal))) path = path[..^Leaf.Length].TrimEnd('/');
        if (string.IsNullOrEmpty(path) || path.Split('/').Contains("..")) return null;
        var own = Path.Combine(root, path);
        return Directory.Exists(own) ? own : null;
    }

    /// <summary>The parent folder, created, with memory and pids handed down to the groups made in it.</summary>
    public static string Choose(string root, string selfCgroup)
    {
        if (Delegated(root, selfCgroup) is { } own && UnderOwn(own) is { } parent) return parent;
        return Prepare(Path.Combine(root, Folder));
    }

    private static string? UnderOwn(string own)
    {
        try
        {
            if (!Has(Path.Combine(own, "cgroup.controllers"))) return null; // memory or pids not delegated to us
            if (!Has(Path.Combine(own, "cgroup.subtree_control")))
            {
                try
                {
                    File.WriteAllText(Path.Combine(own, "cgroup.subtree_control"), "+memory +pids");
                }
                catch (IOException)
                {
                    // A group with processes in it (the grader) may not hand controllers down: the grader moves to a
                    // leaf of its own, as systemd asks of a delegated service, and tries once more.
                    var leaf = Directory.CreateDirectory(Path.Combine(own, Leaf)).FullName;
                    File.WriteAllText(Path.Combine(leaf, "cgroup.procs"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    File.WriteAllText(Path.Combine(own, "cgroup.subtree_control"), "+memory +pids");
                }
            }
            return Prepare(Path.Combine(own, Folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not ours to write: the root it is
        }
    }

    private static string Prepare(string parent)
    {
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), "+memory +pids");
        return parent;
    }

    private static bool Has(string file)
    {
        var words = File.Exists(file) ? File.ReadAllText(file).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries) : [];
        return words.Contains("memory") && words.Contains("pids");
    }
}
