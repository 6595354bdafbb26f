using System.Collections.Concurrent;
using Workshop.Grading.Manifest;
using Workshop.Grading.Running;

namespace Workshop.Grading.Submissions;

/// <summary>
/// One restored copy of each lab's instructor start project, made once per grading run (not once per student): a
/// restore costs seconds even for a lab without packages. Only the instructor's files are ever in a template, it is
/// restored with network outside any sandbox, and no sandbox can write to it; each student's working copy gets a
/// fresh copy of its <c>obj/</c> (the restore's output, which names no path of its own folder that the build uses) and
/// builds offline. Safe for concurrent use: workers asking for the same lab wait for the one restore.
/// </summary>
public sealed class LabTemplates(LabManifest manifest, string root, TimeSpan timeout)
{
    private static readonly string[] Settings = ["Directory.Build.props", "Directory.Packages.props", "Directory.Build.targets", "NuGet.config"];
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _restored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<(CompilerTemplate?, string?)>>> _compilers = new(StringComparer.Ordinal);

    /// <summary>The NuGet packages folder every template restores into (a sandboxed build needs to read it).</summary>
    public string Packages => Path.Combine(root, "packages");

    /// <summary>
    /// Makes <paramref name="project"/> a copy of the lab's restored instructor start project (without its editable
    /// files), with the instructor's build settings in the folder above; null, or why the template cannot be restored.
    /// </summary>
    public async Task<string?> CopyAsync(LabInfo lab, string project, CancellationToken cancellationToken)
    {
        var template = Path.Combine(root, lab.Folder, "lab");
        var problem = await _restored.GetOrAdd(lab.Id, _ => new Lazy<Task<string?>>(() => RestoreAsync(lab, template, cancellationToken))).Value;
        if (problem is not null) return problem;
        WorkingCopy.CopyInstructorStart(lab, manifest.VariantDirectory(lab, "start"), project);
        CopySettings(Path.GetDirectoryName(project)!);
        CopyTree(Path.Combine(template, "obj"), Path.Combine(project, "obj"));
        return null;
    }

    /// <summary>
    /// The lab's compiler template (<see cref="CompilerTemplate"/>): the instructor's complete start project, built
    /// once per run beside the restored template, from the instructor's files alone; null with the reason when the
    /// fast path does not apply to this lab (every copy then gets the full build).
    /// </summary>
    public async Task<(CompilerTemplate? Compiler, string? Reason)> CompilerAsync(LabInfo lab, CancellationToken cancellationToken)
    {
        var template = Path.Combine(root, lab.Folder, "lab");
        var problem = await _restored.GetOrAdd(lab.Id, _ => new Lazy<Task<string?>>(() => RestoreAsync(lab, template, cancellationToken))).Value;
        if (problem is not null) return (null, problem);
        return await _compilers.GetOrAdd(lab.Id, _ => new Lazy<Task<(CompilerTemplate?, string?)>>(() => CaptureAsync(lab, template, cancellationToken))).Value;
    }

    private async Task<(CompilerTemplate?, string?)> CaptureAsync(LabInfo lab, string template, CancellationToken cancellationToken)
    {
        var start = manifest.VariantDirectory(lab, "start");
        var project = Path.Combine(root, lab.Folder, "compile");
        // The instructor's start, editable files included, made the way a student's copy is made.
        WorkingCopy.Create(lab, start, start, project);
        CopyTree(Path.Combine(template, "obj"), Path.Combine(project, "obj"));
        return await CompilerTemplate.CaptureAsync(project, Path.Combine(root, lab.Folder, "compile-out"), timeout, cancellationToken);
    }

    private async Task<string?> RestoreAsync(LabInfo lab, string template, CancellationToken cancellationToken)
    {
        WorkingCopy.CopyInstructorStart(lab, manifest.VariantDirectory(lab, "start"), template);
        CopySettings(Path.GetDirectoryName(template)!);
        Directory.CreateDirectory(Packages); // mounted into every sandboxed build, so it must exist even when empty
        return await LabBuilder.RestoreAsync(template, Packages, timeout, cancellationToken);
    }

    private void CopySettings(string folder)
    {
        foreach (var settings in Settings)
        {
            var instructor = Path.Combine(manifest.LabsDirectory, settings);
            if (File.Exists(instructor)) File.Copy(instructor, Path.Combine(folder, settings), overwrite: true);
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(source)) CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
    }
}
