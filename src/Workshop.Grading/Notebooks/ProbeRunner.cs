using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Workshop.Grading.Running;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// Compiles and runs probe programs for one set of exercise cells: one program for all of them, or one per exercise
/// when the whole does not compile; an exercise whose run ended before it finished is run once more on its own.
/// With a sandbox in the options, every compile and run of a student's program happens inside it (offline, only its
/// own folders writable, bounded in time).
/// </summary>
internal sealed class ProbeRunner(NotebookCatalog catalog, LabRunnerOptions options, Preparation prepared, TimeSpan caseTimeout, TimeSpan exerciseTimeout)
{
    // The notebook runs cells one after another in one session; the grader compiles each exercise cell on its own.
    private const string NotCompiled = "the exercise cell does not compile on its own (the grader takes only this cell: it may not use " +
        "types or variables declared in other cells, nor declare a class or record of its own): ";

    /// <summary>How long all runs of one <see cref="GradeAsync"/> may take together (compiles not counted).</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.MaxValue;

    /// <summary>The verdict of every cell's exercise.</summary>
    public async Task<Dictionary<string, ExerciseVerdict>> GradeAsync(IReadOnlyList<ProgramCell> cells, string folder, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, ExerciseVerdict>(StringComparer.Ordinal);
        var programs = new List<(string Dll, string Folder, IReadOnlyList<ProgramCell> Cells)>();
        var whole = await CompileAsync(cells, Path.Combine(folder, "all"), cancellationToken);
        if (whole.Dll is not null) programs.Add((whole.Dll, Path.Combine(folder, "all"), cells));
        else if (cells.Count == 1) verdicts[cells[0].Exercise.Id] = ExerciseVerdict.Wrong(NotCompiled + whole.Error);
        else
        {
            foreach (var cell in cells)
            {
                var own = Path.Combine(folder, cell.Exercise.Id);
                var one = await CompileAsync([cell], own, cancellationToken);
                if (one.Dll is not null) programs.Add((one.Dll, own, [cell]));
                else verdicts[cell.Exercise.Id] = ExerciseVerdict.Wrong(NotCompiled + one.Error);
            }
        }
        var clock = Stopwatch.StartNew();
        TimeSpan Left() => Budget == TimeSpan.MaxValue ? TimeSpan.MaxValue : Budget - clock.Elapsed;
        var usedUp = $"not run: this student's exercises used up their {Budget.TotalSeconds:0} s before it (do some cells wait or loop?)";
        foreach (var (dll, programFolder, programCells) in programs)
        {
            if (Left() <= TimeSpan.Zero)
            {
                foreach (var cell in programCells) verdicts[cell.Exercise.Id] = ExerciseVerdict.Wrong(usedUp);
                continue;
            }
            var (results, problem, timedOut) = await RunAsync(dll, Path.Combine(programFolder, "run"), null, programCells.Count, Left(), cancellationToken);
            foreach (var cell in programCells)
            {
                var id = cell.Exercise.Id;
                var exercise = results.Exercises.GetValueOrDefault(id);
                if ((exercise is null || exercise.Ends == 0) && programCells.Count > 1)
                {
                    // An exercise that ended the whole process (or one before it did) gets a run of its own, while the
                    // budget lasts; after a whole program that ran out of time, the unfinished ones are wrong as they are.
                    if (timedOut || Left() <= TimeSpan.Zero)
                    {
                        verdicts[id] = exercise is null && !timedOut ? ExerciseVerdict.Wrong(usedUp) : ProbeVerdict.Compare(prepared.Expected[id], exercise, problem);
                        continue;
                    }
                    (results, problem, _) = await RunAsync(dll, Path.Combine(programFolder, "run-" + id), id, 1, Left(), cancellationToken);
                    exercise = results.Exercises.GetValueOrDefault(id);
                }
                verdicts[id] = ProbeVerdict.Compare(prepared.Expected[id], exercise, problem);
            }
        }
        return verdicts;
    }

    /// <summary>One program for all <paramref name="cells"/>, compiled and run; null results with the error when it does not compile.</summary>
    public async Task<(ProbeResults? Results, string? Problem)> CompileAndRunAsync(IReadOnlyList<ProgramCell> cells, string folder, CancellationToken cancellationToken)
    {
        var (dll, error) = await CompileAsync(cells, folder, cancellationToken);
        if (dll is null) return (null, error);
        var (results, problem, _) = await RunAsync(dll, Path.Combine(folder, "run"), null, cells.Count, TimeSpan.MaxValue, cancellationToken);
        return (results, problem);
    }

    private async Task<(string? Dll, string? Error)> CompileAsync(IReadOnlyList<ProgramCell> cells, string folder, CancellationToken cancellationToken)
    {
        var source = Path.Combine(folder, "src");
        var output = Path.Combine(folder, "out");
        ProbeProgram.Write(source, catalog, cells);
        Directory.CreateDirectory(output);
        if (options.Sandbox is { } sandbox) await sandbox.GiveToSandboxAsync([source, output], cancellationToken);
        var build = await prepared.Compiler!.CompileAsync(source, output, options.BuildTimeout, options.Sandbox, [prepared.Lib], cancellationToken);
        // The fast path declines a copy that names the build's static web assets manifests: only MSBuild writes those.
        if (build is null) return (null, "the grader compiles exercise cells without MSBuild, and this one names StaticWebAssets or MapStaticAssets");
        return build.AssemblyPath is { } dll ? (dll, null) : (null, (build.Error ?? "").Replace(source + "/Cells/", "", StringComparison.Ordinal).Replace(source + "/", "", StringComparison.Ordinal));
    }

    private async Task<(ProbeResults Results, string? Problem, bool TimedOut)> RunAsync(string dll, string run, string? only, int exercises, TimeSpan cap,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(run);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var results = Path.Combine(run, "results.tsv");
        List<string> args = [dll, "--seed", prepared.Seed.ToString(CultureInfo.InvariantCulture), "--results", results, "--nonce", nonce,
            "--case-timeout", caseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--exercise-timeout", exerciseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)];
        if (only is not null) args.AddRange(["--only", only]);
        // Every exercise may use its whole deadline; the program's start and the cases' threads get some more.
        var timeout = exerciseTimeout * exercises + TimeSpan.FromSeconds(30);
        if (cap < timeout) timeout = cap;
        var output = Path.GetDirectoryName(dll)!;
        (int ExitCode, string Output, bool TimedOut) ran;
        if (options.Sandbox is { } sandbox)
        {
            // The worked answers are hidden even where the instructor's repository is not under a hidden folder.
            await sandbox.GiveToSandboxAsync([run], cancellationToken);
            ran = await ProcessRunner.RunAsync(sandbox.StartInfo("dotnet", args, output, new SandboxMounts { ReadOnly = [output], Writable = [run], Hidden = [Path.GetDirectoryName(catalog.AnswerFile("x"))!] },
                new Dictionary<string, string>()), timeout, cancellationToken);
        }
        else
        {
            ran = await ProcessRunner.RunAsync("dotnet", args, output, timeout, cancellationToken);
        }
        var problem = ran.TimedOut ? $"the program did not finish within {timeout.TotalSeconds:0} s"
            : ran.ExitCode != 0 ? $"the program ended with exit code {ran.ExitCode}: {LastLine(ran.Output)}" : null;
        return (ProbeResults.Read(results, nonce), problem, ran.TimedOut);
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("Unhandled", StringComparison.Ordinal))
        ?? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
