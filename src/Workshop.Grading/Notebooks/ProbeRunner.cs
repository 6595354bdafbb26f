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
    /// <summary>The verdict of every cell's exercise.</summary>
    public async Task<Dictionary<string, ExerciseVerdict>> GradeAsync(IReadOnlyList<ProgramCell> cells, string folder, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, ExerciseVerdict>(StringComparer.Ordinal);
        var programs = new List<(string Dll, string Folder, IReadOnlyList<ProgramCell> Cells)>();
        var whole = await CompileAsync(cells, Path.Combine(folder, "all"), cancellationToken);
        if (whole.Dll is not null) programs.Add((whole.Dll, Path.Combine(folder, "all"), cells));
        else if (cells.Count == 1) verdicts[cells[0].Exercise.Id] = ExerciseVerdict.Wrong("the exercise cell does not compile: " + whole.Error);
        else
        {
            foreach (var cell in cells)
            {
                var own = Path.Combine(folder, cell.Exercise.Id);
                var one = await CompileAsync([cell], own, cancellationToken);
                if (one.Dll is not null) programs.Add((one.Dll, own, [cell]));
                else verdicts[cell.Exercise.Id] = ExerciseVerdict.Wrong("the exercise cell does not compile: " + one.Error);
            }
        }
        foreach (var (dll, programFolder, programCells) in programs)
        {
            var (results, problem) = await RunAsync(dll, Path.Combine(programFolder, "run"), null, programCells.Count, cancellationToken);
            foreach (var cell in programCells)
            {
                var id = cell.Exercise.Id;
                var exercise = results.Exercises.GetValueOrDefault(id);
                if ((exercise is null || exercise.Ends == 0) && programCells.Count > 1)
                {
                    // An exercise that ended the whole process (or one before it did) gets a run of its own.
                    (results, problem) = await RunAsync(dll, Path.Combine(programFolder, "run-" + id), id, 1, cancellationToken);
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
        return await RunAsync(dll, Path.Combine(folder, "run"), null, cells.Count, cancellationToken);
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

    private async Task<(ProbeResults Results, string? Problem)> RunAsync(string dll, string run, string? only, int exercises, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(run);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var results = Path.Combine(run, "results.tsv");
        List<string> args = [dll, "--seed", prepared.Seed.ToString(CultureInfo.InvariantCulture), "--results", results, "--nonce", nonce,
            "--case-timeout", caseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--exercise-timeout", exerciseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)];
        if (only is not null) args.AddRange(["--only", only]);
        // Every exercise may use its whole deadline; the program's start and the cases' threads get some more.
        var timeout = exerciseTimeout * exercises + TimeSpan.FromSeconds(30);
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
        return (ProbeResults.Read(results, nonce), problem);
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith("Unhandled", StringComparison.Ordinal))
        ?? output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
