using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Running;

namespace Workshop.Grading.Submissions;

/// <summary>
/// Grades copies of the repository. Each lab of each student is copied (sources only) into a scratch folder next to
/// the instructor's lab build settings, built and checked there with the instructor's checks: nothing inside a
/// submission (its tests, its checks, its labs.json) decides a grade.
/// </summary>
public sealed class SubmissionGrader(LabManifest manifest, LabRunner runner, IReadOnlyDictionary<string, List<LabCheck>>? extraChecks = null)
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", ".vs" };

    /// <summary>The student folders (sub-folders) of a submissions folder, sorted.</summary>
    public static IReadOnlyList<string> StudentFolders(string submissions) =>
        Directory.GetDirectories(submissions).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    /// <summary>Grades every lab that has checks for one student folder.</summary>
    public async Task<StudentGrade> GradeAsync(string studentFolder, string scratch, IReadOnlyCollection<string>? labIds = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var student = Path.GetFileName(studentFolder.TrimEnd('/', '\\'));
        var reports = new List<LabReport>();
        foreach (var lab in manifest.Labs.Where(l => labIds is null || labIds.Contains(l.Id)))
        {
            var checks = ChecksFor(lab);
            if (checks.Count == 0) continue;
            progress?.Report($"{student} · lab {lab.Id}");
            var source = Path.Combine(studentFolder, "labs", lab.Folder, "start");
            if (!Directory.Exists(source))
            {
                reports.Add(Missing(lab, checks, source, $"the lab folder labs/{lab.Folder}/start is missing from the submission"));
                continue;
            }
            var work = Path.Combine(scratch, Safe(student), lab.Folder);
            try
            {
                PrepareCopy(source, Path.Combine(work, "lab"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reports.Add(Missing(lab, checks, source, $"the submission could not be read: {e.Message}"));
                continue;
            }
            try
            {
                var report = await runner.BuildAndRunAsync(lab, Path.Combine(work, "lab"), Path.Combine(work, "out"), checks, progress, cancellationToken);
                reports.Add(Relative(report, Path.Combine(work, "lab"), $"labs/{lab.Folder}/start") with { Target = source });
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Whatever one submission does, the rest of the class is still graded.
                reports.Add(Missing(lab, checks, source, $"the lab could not be graded: {e.GetType().Name}: {e.Message}"));
            }
        }
        return new StudentGrade(student, reports);
    }

    /// <summary>The instructor's checks of a lab, followed by the hidden ones.</summary>
    public IReadOnlyList<LabCheck> ChecksFor(LabInfo lab)
    {
        var checks = CheckCatalog.For(lab.Id).ToList();
        if (extraChecks is not null && extraChecks.TryGetValue(lab.Id, out var extra)) checks.AddRange(extra);
        return checks;
    }

    private void PrepareCopy(string source, string target)
    {
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        CopyTree(source, target);
        // The instructor's build settings sit above the copy, so the submission builds the way the labs are meant to.
        var parent = Path.GetDirectoryName(target)!;
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            var instructor = Path.Combine(manifest.LabsDirectory, props);
            if (File.Exists(instructor)) File.Copy(instructor, Path.Combine(parent, props), overwrite: true);
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(source))
        {
            if (SkippedFolders.Contains(Path.GetFileName(dir))) continue;
            // A symlink could point anywhere on the grader's disk: it is not followed.
            if (new DirectoryInfo(dir).LinkTarget is not null) continue;
            CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    private static LabReport Missing(LabInfo lab, IReadOnlyList<LabCheck> checks, string source, string reason) =>
        new(lab, source, checks.Select(c => new CheckResult(lab.Id, c.Task, c.Name, lab.FindTask(c.Task)?.Points ?? c.Points ?? 0, false,
            c.Expected, reason, null, c.Hidden, TimeSpan.Zero)).ToList(), reason, TimeSpan.Zero);

    // Compiler errors name the scratch copy; the student knows their own path, not the grader's temp folder.
    private static LabReport Relative(LabReport report, string scratchProject, string studentPath) => report with
    {
        Error = report.Error?.Replace(scratchProject, studentPath, StringComparison.Ordinal),
        Results = report.Results.Select(r => r with { Observed = r.Observed.Replace(scratchProject, studentPath, StringComparison.Ordinal) }).ToList(),
    };

    private static string Safe(string name) => string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_'));
}
