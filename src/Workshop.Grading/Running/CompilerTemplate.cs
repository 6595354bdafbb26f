using System.Text.RegularExpressions;
using Workshop.Grading.Manifest;

namespace Workshop.Grading.Running;

/// <summary>
/// The fast path of a graded build. The instructor's unmodified start project is built once per lab and run with
/// MSBuild (<c>dotnet build</c>, as the grader: no submission file is in it), and the C# compiler's command line is
/// captured from that build (the SDK's own <c>csc.dll</c>, its references, generators, defines and generated sources).
/// Each student's copy is then compiled by that same compiler with that command line and the copy's own .cs files
/// (<see cref="CompileAsync"/>, in the student's sandbox), and gets the template's other outputs (runtimeconfig, deps,
/// settings); no MSBuild starts per student. Where the project's shape would make the two differ (a csproj that
/// does not compile every .cs file, a compiler input that is not a .cs file, a copy that uses the build's static web
/// assets manifest), it does not apply and the full <c>dotnet build</c> runs (<see cref="LabBuilder"/>).
/// The copies are compiled in the grader by the warm compiler (<see cref="WarmCompiler"/>, Roslyn in-process, references
/// shared): the sandboxed <c>dotnet csc</c> per copy remains only for a command line Roslyn's parser would not take.
/// </summary>
public sealed partial class CompilerTemplate
{
    private const string RspName = "workshop.csc.rsp";

    // MSBuild writes the compiler's arguments (ProvideCommandLineArgs) and where its compiler lives after CoreCompile.
    private const string CaptureTargets = """
        <Project>
          <Target Name="WorkshopCaptureCompilerCall" AfterTargets="CoreCompile">
            <WriteLinesToFile File="$(IntermediateOutputPath)workshop.csc.rsp" Lines="@(CscCommandLineArgs)" Overwrite="true" />
            <WriteLinesToFile File="$(IntermediateOutputPath)workshop.csc.path" Lines="$(RoslynTargetsPath)" Overwrite="true" />
          </Target>
        </Project>
        """;

    // Inputs besides .cs files would be the student's too (resources, additional files): only the full build handles them.
    private static readonly string[] UnsupportedOptions = ["/additionalfile:", "/resource:", "/linkresource:", "/embed:", "/win32res:", "/win32icon:", "/win32manifest:", "/keyfile:", "/sourcelink:", "/ruleset:"];

    private readonly string _project;
    private readonly string _output;
    private readonly string _compiler;
    private readonly IReadOnlyList<string> _options;
    private readonly IReadOnlyList<string> _generated;
    private readonly string _assembly;
    private readonly WarmCompiler? _warm;

    private CompilerTemplate(string project, string output, string compiler, IReadOnlyList<string> options, IReadOnlyList<string> generated, string assembly)
    {
        (_project, _output, _compiler, _options, _generated, _assembly) = (project, output, compiler, options, generated, assembly);
        (_warm, WarmReason) = WarmCompiler.Create(project, options, generated, assembly);
    }

    /// <summary>Why copies are compiled by a sandboxed <c>dotnet csc</c> rather than the warm in-process compiler; null when they are not.</summary>
    public string? WarmReason { get; }

    /// <summary>The file name of the app's assembly (e.g. <c>WelcomeEcho.dll</c>).</summary>
    public string AssemblyFileName => _assembly;

    /// <summary>
    /// Builds <paramref name="projectDirectory"/> (the instructor's restored start project, complete) into
    /// <paramref name="outputDirectory"/> offline and captures the compiler call; null with the reason when the fast
    /// path cannot apply to this lab (then every copy gets the full build).
    /// </summary>
    public static async Task<(CompilerTemplate? Template, string? Reason)> CaptureAsync(string projectDirectory, string outputDirectory, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var project = Path.GetFullPath(projectDirectory).TrimEnd('/');
        var projects = Directory.GetFiles(project, "*.csproj");
        if (projects.Length != 1) return (null, $"expected one .csproj, found {projects.Length}");
        var targets = Path.Combine(Path.GetDirectoryName(project)!, "workshop.capture.targets");
        await File.WriteAllTextAsync(targets, CaptureTargets, cancellationToken);
        string[] args = ["build", projects[0], "-o", outputDirectory, "--no-restore", "-nologo", "-clp:NoSummary;ErrorsOnly", "-nodeReuse:false", "-v:q",
            "-p:UseSharedCompilation=false", "-p:ProvideCommandLineArgs=true", $"-p:CustomAfterMicrosoftCommonTargets={targets}", .. LabBuilder.FastBuild];
        var (exit, output, timedOut) = await ProcessRunner.RunAsync("dotnet", args, project, timeout, cancellationToken);
        if (timedOut || exit != 0) return (null, "the instructor's start project did not build: " + output.Trim().Split('\n')[0]);
        var rsp = Directory.GetFiles(Path.Combine(project, "obj"), RspName, SearchOption.AllDirectories);
        var where = Directory.GetFiles(Path.Combine(project, "obj"), "workshop.csc.path", SearchOption.AllDirectories);
        if (rsp.Length != 1 || where.Length != 1) return (null, "the build did not show its compiler call (one target framework, CoreCompile run)");
        var compiler = Path.Combine((await File.ReadAllTextAsync(where[0], cancellationToken)).Trim(), "bincore", "csc.dll");
        if (!File.Exists(compiler)) return (null, $"the SDK's compiler is not at {compiler}");
        return Parse(project, Path.GetFullPath(outputDirectory), compiler, await File.ReadAllLinesAsync(rsp[0], cancellationToken));
    }

    private static (CompilerTemplate?, string?) Parse(string project, string output, string compiler, string[] lines)
    {
        var options = new List<string>();
        var generated = new List<string>();
        var sources = new List<string>();
        string? assembly = null;
        foreach (var raw in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var line = raw.Replace(project + "/", "", StringComparison.Ordinal);
            if (UnsupportedOptions.Any(o => line.StartsWith(o, StringComparison.OrdinalIgnoreCase))) return (null, $"the compiler gets more than .cs files ({line.Split(':')[0]})");
            if (line.StartsWith("/out:", StringComparison.Ordinal)) assembly = Path.GetFileName(line["/out:".Length..].Trim('"'));
            else if (line.StartsWith("/refout:", StringComparison.Ordinal) || line.StartsWith("/doc:", StringComparison.Ordinal) || line == "/noconfig") continue;
            else if (line.StartsWith('/') || line.StartsWith('-')) options.Add(line);
            else
            {
                var file = line.Trim('"');
                if (Path.IsPathRooted(file) || !file.EndsWith(".cs", StringComparison.Ordinal)) return (null, $"a compiler input outside the project: {file}");
                (file.StartsWith("obj/", StringComparison.Ordinal) ? generated : sources).Add(file);
            }
        }
        if (assembly is null) return (null, "the compiler call has no /out:");
        // The csproj must compile exactly the project's .cs files (the SDK's default glob): then a copy's own files are its sources.
        var expected = SourceFiles(project)?.Order(StringComparer.Ordinal);
        if (expected is null || !expected.SequenceEqual(sources.Order(StringComparer.Ordinal))) return (null, "the project does not compile exactly its own .cs files");
        return (new CompilerTemplate(project, output, compiler, options, generated, assembly), null);
    }

    /// <summary>
    /// The .cs files of a project folder as the SDK's default glob takes them, relative with <c>/</c>; null when the
    /// folder has a file the fast path leaves to MSBuild (a hidden folder, an .editorconfig, a name that needs quoting).
    /// </summary>
    internal static List<string>? SourceFiles(string project)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
            var name = Path.GetFileName(relative);
            if (name is ".editorconfig" or ".globalconfig" || relative.Split('/').Any(s => s.StartsWith('.') || s == "node_modules")) return null;
            if (!relative.EndsWith(".cs", StringComparison.Ordinal)) continue;
            // The response file quotes paths: a name with a quote, a space or an option character stays with MSBuild.
            if (!PlainPath().IsMatch(relative)) return null;
            files.Add(relative);
        }
        return files;
    }

    [GeneratedRegex("^[A-Za-z0-9_./-]+$")]
    private static partial Regex PlainPath();
}
