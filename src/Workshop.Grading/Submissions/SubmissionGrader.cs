using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Notebooks;
using Workshop.Grading.Running;

namespace Workshop.Grading.Submissions;

/// <summary>
/// Grades copies of the repository. Each lab of each student is built in a fresh copy of the instructor's own start
/// project into which only the lab's editable files (labs.json) are taken from the submission (see
/// <see cref="WorkingCopy"/>), and checked with the instructor's checks: nothing else inside a submission (its
/// .csproj, its tests, its checks, its labs.json) is read, let alone decides a grade. The copy starts from a template
/// restored before any submission file was near it (<see cref="LabTemplates"/>); with a sandbox in the runner's
/// options, the build and the app then run inside it.
/// </summary>
public sealed class SubmissionGrader(LabManifest manifest, LabRunner runner, IReadOnlyDictionary<string, List<LabCheck>>? extraChecks = null)
{
    /// <summary>The student folders (sub-folders) of a submissions folder, sorted.</summary>
    public static IReadOnlyList<string> StudentFolders(string submissions) =>
        Directory.GetDirectories(submissions).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    private LabTemplates? _templates;

    /// <summary>How much of a lab folder is taken at most.</summary>
    public SubmissionLimits Limits { get; init; } = new();

    /// <summary>The restored lab templates, shared by every grader of a run (by default one set per grader, under its scratch folder).</summary>
    public LabTemplates? Templates { get; init; }

    /// <summary>The class's notebook grader: with one, the notebooks' exercises are graded after the labs (ids <c>nbNN</c>).</summary>
    public NotebookGrader? Notebooks { get; init; }

    /// <summary>Grades every lab that has checks for one student folder (and, with <see cref="Notebooks"/>, its notebook exercises).</summary>
    public async Task<StudentGrade> GradeAsync(string studentFolder, string scratch, IReadOnlyCollection<string>? labIds = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var student = Path.GetFileName(studentFolder.TrimEnd('/', '\\'));
        var reports = new List<LabReport>();
        foreach (var lab in manifest.Labs.Where(l => labIds is null || labIds.Contains(l.Id)))
        {
            var checks = ChecksFor(lab);
            if (checks.Count == 0) continue;
            progress?.Report($"lab {lab.Id}");
            var source = Path.Combine(studentFolder, "labs", lab.Folder, "start");
            if (!Directory.Exists(source) || new DirectoryInfo(source).LinkTarget is not null)
            {
                reports.Add(Missing(lab, checks, source, $"the lab folder labs/{lab.Folder}/start is missing from the submission (or is a symbolic link)"));
                continue;
            }
            var work = Path.Combine(scratch, Safe(student), lab.Folder);
            var project = Path.Combine(work, "lab");
            IReadOnlyList<string> notes;
            var copying = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var problem = await TemplatesFor(scratch).CopyAsync(lab, project, cancellationToken);
                if (problem is not null)
                {
                    reports.Add(Missing(lab, checks, source, problem));
                    continue;
                }
                notes = WorkingCopy.TakeSubmission(lab, source, project, Limits);
                if (runner.Options.Sandbox is { } sandbox)
                {
                    Directory.CreateDirectory(Path.Combine(work, "out"));
                    await sandbox.GiveToSandboxAsync([project, Path.Combine(work, "out")], cancellationToken);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reports.Add(Missing(lab, checks, source, $"the submission could not be read: {e.Message}"));
                continue;
            }
            var copied = copying.Elapsed;
            try
            {
                // The first copy of a lab waits here for the lab's one template build; its timings show it apart.
                var templateClock = System.Diagnostics.Stopwatch.StartNew();
                var compiler = runner.Options.FastBuild ? (await TemplatesFor(scratch).CompilerAsync(lab, cancellationToken)).Compiler : null;
                var template = templateClock.Elapsed;
                var report = await runner.BuildAndRunAsync(lab, project, Path.Combine(work, "out"), checks, progress, cancellationToken,
                    [TemplatesFor(scratch).Packages], compiler);
                reports.Add(Relative(report, project, $"labs/{lab.Folder}/start") with
                {
                    Target = source, Notes = notes, Timings = [new LabTiming("copy", copied), new LabTiming("template", template), .. report.Timings],
                });
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Whatever one submission does, the rest of the class is still graded.
                reports.Add(Missing(lab, checks, source, $"the lab could not be graded: {e.GetType().Name}: {e.Message}") with { Notes = notes });
            }
        }
        if (Notebooks is not null) reports.AddRange(await NotebookReportsAsync(Notebooks, studentFolder, Path.Combine(scratch, Safe(student)), labIds, progress, cancellationToken));
        return new StudentGrade(student, reports);
    }

    private async Task<IReadOnlyList<LabReport>> NotebookReportsAsync(NotebookGrader notebooks, string studentFolder, string work, IReadOnlyCollection<string>? ids,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await notebooks.GradeAsync(studentFolder, work, ids, progress, cancellationToken, runner.Options.Sandbox);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever one submission's notebooks do, the student still gets a row per exercise, and the class goes on.
            var reason = $"the notebooks could not be graded: {e.GetType().Name}: {e.Message}";
            return notebooks.Selected(ids).Select(n => n.AsLab()).Select(lab => new LabReport(lab, lab.Folder,
                lab.Tasks.Select(t => new CheckResult(lab.Id, t.Id, t.Id, t.Points, false, "the worked answer's results", reason, null, false, TimeSpan.Zero)).ToList(),
                reason, TimeSpan.Zero)).ToList();
        }
    }

    /// <summary>The instructor's checks of a lab, followed by the hidden ones.</summary>
    public IReadOnlyList<LabCheck> ChecksFor(LabInfo lab)
    {
        var checks = CheckCatalog.For(lab.Id).ToList();
        if (extraChecks is not null && extraChecks.TryGetValue(lab.Id, out var extra)) checks.AddRange(extra);
        return checks;
    }

    /// <summary>Deletes what grading <paramref name="studentFolder"/> left in <paramref name="scratch"/> (its builds), keeping the templates.</summary>
    public static void Forget(string studentFolder, string scratch)
    {
        var work = Path.Combine(scratch, Safe(Path.GetFileName(studentFolder.TrimEnd('/', '\\'))));
        try
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Scratch space: the whole folder goes at the end of the run, or to the OS's temp cleaner.
        }
    }

    private LabTemplates TemplatesFor(string scratch) =>
        Templates ?? LazyInitializer.EnsureInitialized(ref _templates, () => new LabTemplates(manifest, Path.Combine(scratch, ".templates"), runner.Options.BuildTimeout));

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
