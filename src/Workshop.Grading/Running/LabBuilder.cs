using System.Diagnostics;
using System.Text.RegularExpressions;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Running;

/// <summary>Builds a lab project once with <c>dotnet build</c> into its own output folder.</summary>
public static partial class LabBuilder
{
    /// <summary>
    /// Builds the single project in <paramref name="projectDirectory"/> into <paramref name="outputDirectory"/>.
    /// Never throws for a broken lab: a missing project, a compile error or a timeout comes back as the error.
    /// </summary>
    public static Task<LabBuild> BuildAsync(string projectDirectory, string outputDirectory, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        BuildAsync(projectDirectory, outputDirectory, timeout, null, cancellationToken);

    /// <summary>
    /// Restores the project in <paramref name="projectDirectory"/> (with network, as the grader): done on the
    /// instructor's files alone, before any submission file is in the folder, so a sandboxed build needs no network.
    /// Packages go to <c>packages/</c> beside the project, where the sandbox can read them.
    /// </summary>
    public static Task<string?> RestoreAsync(string projectDirectory, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        RestoreAsync(projectDirectory, Path.Combine(Path.GetDirectoryName(projectDirectory)!, "packages"), timeout, cancellationToken);

    /// <summary>As <see cref="RestoreAsync(string, TimeSpan, CancellationToken)"/>, with the packages in <paramref name="packages"/>.</summary>
    public static async Task<string?> RestoreAsync(string projectDirectory, string packages, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var projects = Directory.GetFiles(projectDirectory, "*.csproj");
        if (projects.Length != 1) return $"expected one .csproj in the instructor's start project, found {projects.Length}";
        string[] args = ["restore", projects[0], "--packages", packages, "-nologo", "-v:q", "-nodeReuse:false"];
        var (exit, output, timedOut) = await ProcessRunner.RunAsync("dotnet", args, projectDirectory, timeout, cancellationToken);
        if (timedOut) return $"restoring the instructor's project did not finish within {timeout.TotalSeconds:0} s";
        return exit == 0 ? null : "restoring the instructor's project failed:\n" + FirstErrors(output);
    }

    /// <summary>
    /// Builds as <see cref="BuildAsync(string, string, TimeSpan, CancellationToken)"/>, inside <paramref name="sandbox"/>
    /// when given: offline (<c>--no-restore</c>: <see cref="RestoreAsync"/> ran before), only the project and the output
    /// folder writable, the folder above the project (the instructor's settings and packages) and
    /// <paramref name="readOnly"/> (e.g. a shared packages folder) read-only.
    /// </summary>
    public static async Task<LabBuild> BuildAsync(string projectDirectory, string outputDirectory, TimeSpan timeout, Sandbox? sandbox,
        CancellationToken cancellationToken = default, IReadOnlyList<string>? readOnly = null)
    {
        var clock = Stopwatch.StartNew();
        if (!Directory.Exists(projectDirectory)) return new(projectDirectory, null, $"the folder {projectDirectory} does not exist", clock.Elapsed);
        var projects = Directory.GetFiles(projectDirectory, "*.csproj");
        if (projects.Length != 1) return new(projectDirectory, null, $"expected one .csproj in {projectDirectory}, found {projects.Length}", clock.Elapsed);

        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(projects[0]) + ".dll");
        if (IsUpToDate(projectDirectory, dll)) return new(projectDirectory, dll, null, clock.Elapsed) { Kind = "up to date" };
        // nodeReuse:false: no MSBuild node outlives the build holding our pipes or the student's files.
        var buildStarted = DateTime.UtcNow;
        string[] args = ["build", projects[0], "-o", outputDirectory, "-nologo", "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false", "-v:q", .. FastBuild];
        var (exit, output, timedOut) = sandbox is null
            ? await ProcessRunner.RunAsync("dotnet", args, projectDirectory, timeout, cancellationToken)
            : await ProcessRunner.RunAsync(sandbox.StartInfo("dotnet", [.. args, "--no-restore", "-p:UseSharedCompilation=false"], projectDirectory,
                new SandboxMounts { ReadOnly = [Path.GetDirectoryName(Path.GetFullPath(projectDirectory))!, .. readOnly ?? []], Writable = [projectDirectory, outputDirectory] },
                new Dictionary<string, string>()), timeout, cancellationToken);
        if (timedOut) return new(projectDirectory, null, $"the build did not finish within {timeout.TotalSeconds:0} s", clock.Elapsed);
        if (exit != 0) return new(projectDirectory, null, CompileError(exit, output), clock.Elapsed);

        if (!File.Exists(dll)) return new(projectDirectory, null, $"the build succeeded but {Path.GetFileName(dll)} is missing (is AssemblyName changed?)", clock.Elapsed);
        File.WriteAllText(StampPath(dll), Path.GetFullPath(projectDirectory));
        // Stamped with the build's start: a file saved while the build ran still counts as a change next time.
        File.SetLastWriteTimeUtc(StampPath(dll), buildStarted);
        return new(projectDirectory, dll, null, clock.Elapsed);
    }

    // Only errors are shown (-clp:ErrorsOnly) and the labs never treat warnings as errors, so the SDK's analyzers
    // (seconds of a small lab's compile) change nothing a learner or a grade sees; source generators still run.
    internal static readonly string[] FastBuild = ["-p:RunAnalyzers=false", "-p:GenerateDocumentationFile=false"];

    /// <summary>
    /// True when this output was built from this folder and no source file changed since: `dotnet build` would only
    /// spend seconds finding out that nothing changed (it matters for `workshop check` answering quickly).
    /// </summary>
    private static bool IsUpToDate(string projectDirectory, string dll)
    {
        var stamp = StampPath(dll);
        if (!File.Exists(dll) || !File.Exists(stamp) || File.ReadAllText(stamp) != Path.GetFullPath(projectDirectory)) return false;
        var built = File.GetLastWriteTimeUtc(stamp);
        return !SourceFiles(projectDirectory).Any(f => File.GetLastWriteTimeUtc(f) > built);
    }

    private static IEnumerable<string> SourceFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory)) yield return file;
        foreach (var sub in Directory.EnumerateDirectories(directory))
        {
            if (Path.GetFileName(sub) is "bin" or "obj" or ".vs" or "node_modules") continue;
            foreach (var file in SourceFiles(sub)) yield return file;
        }
    }

    private static string StampPath(string dll) => dll + ".source";

    /// <summary>What a failed build or compile tells the student: its first errors, or its exit code when it printed none.</summary>
    internal static string CompileError(int exit, string output) =>
        $"the project does not compile{(HasErrorLines(output) ? "" : $" (the build ended with exit code {exit})")}:\n" + FirstErrors(output);

    private static bool HasErrorLines(string output) => output.Split('\n').Any(l => ErrorLine().IsMatch(l));

    private static string FirstErrors(string output)
    {
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => ErrorLine().IsMatch(l)).Distinct().Take(5).ToList();
        return errors.Count > 0 ? string.Join('\n', errors) : output.Trim();
    }

    [GeneratedRegex(@"error [A-Z]+\d+")]
    private static partial Regex ErrorLine();
}
