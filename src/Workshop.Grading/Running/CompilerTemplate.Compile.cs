using System.Diagnostics;
using System.Text.Json.Nodes;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Running;

public sealed partial class CompilerTemplate
{
    private const string RuntimeManifestSuffix = ".staticwebassets.runtime.json";

    /// <summary>
    /// Compiles the copy in <paramref name="projectDirectory"/> (the instructor's start with a student's editable files)
    /// into <paramref name="outputDirectory"/> with the captured compiler call: in this process by the warm compiler
    /// (<see cref="WarmCompiler"/>), or, when Roslyn's parser did not take the call (<see cref="WarmReason"/>), by the SDK's
    /// <c>csc</c> inside <paramref name="sandbox"/> when given (offline, only the copy and the output writable, as the
    /// full build). Null when the fast path does not
    /// apply to this copy (the caller then runs the full build); a compile error comes back as the build's error.
    /// </summary>
    public async Task<LabBuild?> CompileAsync(string projectDirectory, string outputDirectory, TimeSpan timeout, Sandbox? sandbox,
        IReadOnlyList<string>? readOnly = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var project = Path.GetFullPath(projectDirectory).TrimEnd('/');
        var sources = SourceFiles(project);
        if (sources is null || sources.Any(s => UsesBuildManifests(Path.Combine(project, s)))) return null;
        if (_warm is not null) return await CompileWarmAsync(projectDirectory, project, sources, outputDirectory, timeout, clock, cancellationToken);

        // The generated sources (global usings, assembly info) and the analyzer config the template's build wrote:
        // the same for every copy but for the project's path, which the generators read from the config.
        foreach (var file in _generated.Concat(_options.Where(o => o.StartsWith("/analyzerconfig:obj/", StringComparison.Ordinal)).Select(o => o["/analyzerconfig:".Length..])))
        {
            var target = Path.Combine(project, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var text = await File.ReadAllTextAsync(Path.Combine(_project, file), cancellationToken);
            await WriteFreshAsync(target, text.Replace(_project + "/", project + "/", StringComparison.Ordinal), cancellationToken);
        }
        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(Path.GetFullPath(outputDirectory), _assembly);
        CopyOutputs(outputDirectory);
        var rsp = Path.Combine(project, "obj", RspName);
        List<string> lines = [.. _options, $"/out:\"{dll}\"", .. _generated.Select(Quote), .. sources.Select(Quote)];
        await WriteFreshAsync(rsp, string.Join('\n', lines), cancellationToken);

        // /noconfig only counts on the command line: in a response file csc ignores it and adds its default references.
        string[] args = [_compiler, "/noconfig", "@" + rsp];
        var (exit, output, timedOut) = sandbox is null
            ? await ProcessRunner.RunAsync("dotnet", args, project, timeout, cancellationToken)
            : await ProcessRunner.RunAsync(sandbox.StartInfo("dotnet", args, project,
                new SandboxMounts { ReadOnly = [Path.GetDirectoryName(project)!, .. readOnly ?? []], Writable = [project, outputDirectory] },
                new Dictionary<string, string>()), timeout, cancellationToken);
        if (timedOut) return Failed($"the build did not finish within {timeout.TotalSeconds:0} s");
        if (exit != 0) return Failed(LabBuilder.CompileError(exit, output));
        if (!File.Exists(dll)) return Failed($"the build succeeded but {_assembly} is missing");
        WriteRuntimeManifest(project, outputDirectory);
        return new LabBuild(projectDirectory, dll, null, clock.Elapsed) { Kind = "csc" };

        LabBuild Failed(string error) => new(projectDirectory, null, error, clock.Elapsed) { Kind = "csc" };
    }

    private async Task<LabBuild> CompileWarmAsync(string projectDirectory, string project, List<string> sources, string outputDirectory, TimeSpan timeout, Stopwatch clock,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(Path.GetFullPath(outputDirectory), _assembly);
        CopyOutputs(outputDirectory);
        var errors = await _warm!.CompileAsync(project, sources, dll, timeout, cancellationToken);
        if (errors is not null) return new LabBuild(projectDirectory, null, errors.Contains(": error ", StringComparison.Ordinal) ? LabBuilder.CompileError(1, errors) : errors, clock.Elapsed) { Kind = WarmKind };
        WriteRuntimeManifest(project, outputDirectory);
        return new LabBuild(projectDirectory, dll, null, clock.Elapsed) { Kind = WarmKind };
    }

    /// <summary>The build kind the warm compiler's copies report (timings, <c>timings.tsv</c>).</summary>
    public const string WarmKind = "roslyn";

    private static string Quote(string path) => $"\"{path}\"";

    // The grader writes into folders a sandbox may write: a file there is replaced, never written through (were it a
    // link planted to a file of the grader's, CreateNew fails instead of following it).
    private static async Task WriteFreshAsync(string path, string text, CancellationToken cancellationToken)
    {
        Remove(path);
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
    }

    private static void Remove(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null) File.Delete(path);
    }

    // A copy that reads the build's static web assets manifests directly (MapStaticAssets, UseStaticWebAssets) would see
    // the template's; only MSBuild writes them for its own files. UseStaticFiles (every lab) needs only the runtime one.
    private static bool UsesBuildManifests(string file) =>
        File.ReadAllText(file) is var text && (text.Contains("MapStaticAssets", StringComparison.Ordinal) || text.Contains("StaticWebAssets", StringComparison.Ordinal));

    // runtimeconfig, deps, the instructor's settings: what the build copies besides the compiler's output.
    private void CopyOutputs(string outputDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_output, file);
            var name = Path.GetFileName(relative);
            if (name == _assembly || name == Path.ChangeExtension(_assembly, ".pdb") || name.EndsWith(RuntimeManifestSuffix, StringComparison.Ordinal)) continue;
            var target = Path.Combine(outputDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Remove(target);
            File.Copy(file, target);
        }
    }

    /// <summary>
    /// The development-time map from URL paths to the copy's own <c>wwwroot/</c> (what MSBuild writes as
    /// <c>X.staticwebassets.runtime.json</c> for UseStaticFiles): every file of the copy's wwwroot, and a <c>**</c> pattern.
    /// MSBuild's also lists precompressed <c>.gz</c> twins; nothing the labs serve asks for them.
    /// </summary>
    private void WriteRuntimeManifest(string project, string outputDirectory)
    {
        var name = Path.ChangeExtension(_assembly, null) + RuntimeManifestSuffix;
        if (!File.Exists(Path.Combine(_output, name))) return;
        var wwwroot = Path.Combine(project, "wwwroot");
        var root = Directory.Exists(wwwroot) ? Node(wwwroot, "") : new JsonObject { ["Children"] = null, ["Asset"] = null };
        root["Patterns"] = new JsonArray(new JsonObject { ["ContentRootIndex"] = 0, ["Pattern"] = "**", ["Depth"] = 0 });
        var manifest = new JsonObject { ["ContentRoots"] = new JsonArray(wwwroot + "/"), ["Root"] = root };
        var path = Path.Combine(outputDirectory, name);
        Remove(path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    private static JsonObject Node(string folder, string subPath)
    {
        var children = new JsonObject();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            children[name] = new JsonObject
            {
                ["Children"] = null,
                ["Asset"] = new JsonObject { ["ContentRootIndex"] = 0, ["SubPath"] = subPath + name },
                ["Patterns"] = null,
            };
        }
        foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var child = Node(dir, subPath + Path.GetFileName(dir) + "/");
            child["Patterns"] = null;
            children[Path.GetFileName(dir)] = child;
        }
        return new JsonObject { ["Children"] = children, ["Asset"] = null };
    }
}
