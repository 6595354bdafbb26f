namespace Workshop.Cli.Classroom;

/// <summary>
/// Which files of the instructor's repository go into the student template: everything git tracks (or would
/// track) except every lab's <c>solution/</c> and <c>mutants/</c>, the test and benchmark suites (they run the
/// solutions) and the instructor's <c>.github/</c> and <c>.ci/</c>. A graded class gets no worked answers to the
/// notebooks' exercises either (<c>notebooks/answers/</c>, with the plausible wrong ones) and no grading probes
/// (<c>notebooks/grading/</c>): <see cref="ClassroomExporter"/> leaves a note where the answers were.
/// </summary>
public static class TemplateFiles
{
    private static readonly string[] SkippedRoots = [".git/", ".github/", ".ci/", "tests/", "bench/", "test.sh", ".workshop/", "artifacts/", "notebooks/answers/", "notebooks/grading/"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".data", ".vs", "TestResults"];
    private static readonly string[] SolutionFolders = ["solution", "mutants"];

    /// <summary>The repository-relative paths (with <c>/</c>) to copy, in order.</summary>
    public static IReadOnlyList<string> List(string root)
    {
        var listed = GitRunner.Run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard") is (0, var output)
            ? output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        return listed.Where(Included).Where(p => File.Exists(Path.Combine(root, p))).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when <paramref name="path"/> belongs in the student template.</summary>
    public static bool Included(string path)
    {
        if (SkippedRoots.Any(s => s.EndsWith('/') ? path.StartsWith(s, StringComparison.Ordinal) : path == s)) return false;
        var parts = path.Split('/');
        if (parts.SkipLast(1).Any(SkippedFolders.Contains)) return false;
        // labs/NN-…/solution/… and labs/NN-…/mutants/…
        return !(parts.Length > 3 && parts[0] == "labs" && SolutionFolders.Contains(parts[2]));
    }
}
