using System.Diagnostics;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Sandboxing;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Running;

/// <summary>
/// Runs a lab's checks against a target: a built lab started as a child process, or any base URL (the playground).
/// Whatever goes wrong (compile error, crash, hang, exception in a probe) becomes failed checks with the reason.
/// </summary>
public sealed class LabRunner(BrowserSession browser, LabRunnerOptions? options = null)
{
    // A check that sends "Expect: 100-continue" (lab 06's concurrent copies) waits for the handler to start reading the
    // body; a loaded machine can take longer than the client's default second to get there.
    private static readonly TimeSpan ExpectContinueTimeout = TimeSpan.FromSeconds(10);

    private readonly LabRunnerOptions _options = options ?? new();

    /// <summary>The time limits in use.</summary>
    public LabRunnerOptions Options => _options;

    /// <summary>Builds, starts, checks and stops one lab project.</summary>
    /// <remarks><paramref name="readOnly"/>: more folders a sandboxed build may read (e.g. a shared packages folder);
    /// <paramref name="compiler"/>: the lab's captured compiler call; the copy is compiled with it where it applies, and
    /// gets the full <c>dotnet build</c> where it does not.</remarks>
    public async Task<LabReport> BuildAndRunAsync(LabInfo lab, string projectDirectory, string outputDirectory, IReadOnlyList<LabCheck> checks,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default, IReadOnlyList<string>? readOnly = null, CompilerTemplate? compiler = null)
    {
        progress?.Report($"building {lab.Id}");
        var build = compiler is null ? null : await compiler.CompileAsync(projectDirectory, outputDirectory, _options.BuildTimeout, _options.Sandbox, readOnly, cancellationToken);
        build ??= await LabBuilder.BuildAsync(projectDirectory, outputDirectory, _options.BuildTimeout, _options.Sandbox, cancellationToken, readOnly);
        var report = await RunAsync(lab, build, checks, progress, cancellationToken);
        return report with { Timings = [new LabTiming($"build ({build.Kind})", build.Duration), .. report.Timings] };
    }

    /// <summary>Starts an already built lab and runs the checks against it.</summary>
    public async Task<LabReport> RunAsync(LabInfo lab, LabBuild build, IReadOnlyList<LabCheck> checks,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (!build.Succeeded) return FailAll(lab, build.ProjectDirectory, checks, build.Error ?? "build failed", clock);
        progress?.Report($"starting {lab.Id}");
        var runDirectory = _options.Sandbox is null ? null : await RunDirectoryAsync(_options.Sandbox, cancellationToken);
        try
        {
            LabProcess process;
            try
            {
                process = await LabProcess.StartAsync(build.AssemblyPath!, SandboxFor(build, runDirectory), _options.StartTimeout, cancellationToken);
            }
            catch (LabStartException e)
            {
                return FailAll(lab, build.ProjectDirectory, checks, e.Message, clock) with { Timings = [new LabTiming("start (failed)", clock.Elapsed)] };
            }
            var started = clock.Elapsed;
            await using (process)
            {
                var report = await RunAgainstAsync(lab, process.BaseAddress, checks, build.ProjectDirectory, progress, cancellationToken, process);
                return report with { Duration = clock.Elapsed, Timings = [new LabTiming("start", started)] };
            }
        }
        finally
        {
            if (runDirectory is not null) TryDelete(runDirectory);
        }
    }

    // The app sees the folder above its project (the instructor's settings, its own sources) read-only and may write
    // only its output folder (e.g. lab 07's outbox) and the folder its socket goes in.
    private SandboxedApp? SandboxFor(LabBuild build, string? runDirectory) => _options.Sandbox is null || runDirectory is null ? null : new SandboxedApp(
        _options.Sandbox,
        new SandboxMounts { ReadOnly = [Path.GetDirectoryName(Path.GetFullPath(build.ProjectDirectory))!], Writable = [Path.GetDirectoryName(build.AssemblyPath!)!] },
        runDirectory);

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A socket folder in the temp folder: the OS cleans it eventually.
        }
    }

    // A short path: a Unix socket's path must fit in 108 bytes, and scratch folders can be deep.
    private static async Task<string> RunDirectoryAsync(Sandbox sandbox, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "wsb-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        await sandbox.GiveToSandboxAsync([folder], cancellationToken);
        return folder;
    }

    /// <summary>
    /// Runs the checks against a target that is already running at <paramref name="baseAddress"/>;
    /// <paramref name="pathMap"/> maps the lab's paths to the target's (e.g. lab 03's <c>/ws/live</c> to the
    /// playground's <c>/ws/echo</c>).
    /// </summary>
    public async Task<LabReport> RunAgainstAsync(LabInfo lab, Uri baseAddress, IReadOnlyList<LabCheck> checks, string target,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default, LabProcess? process = null,
        IReadOnlyDictionary<string, string>? pathMap = null)
    {
        var clock = Stopwatch.StartNew();
        using var labDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        labDeadline.CancelAfter(_options.LabTimeout);
        using var http = new HttpClient(new TranscriptHttpHandler(new SocketsHttpHandler { Expect100ContinueTimeout = ExpectContinueTimeout })) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var results = new List<CheckResult>();
        foreach (var check in checks)
        {
            progress?.Report($"{lab.Id} · {check.Task} · {check.Name}");
            if (process is { HasExited: true })
            {
                results.Add(Result(lab, check, false, $"the lab crashed earlier:\n{process.Tail(8)}", TimeSpan.Zero));
                continue;
            }
            results.Add(await RunOneAsync(lab, check, baseAddress, http, pathMap, process, labDeadline.Token));
        }
        return new LabReport(lab, target, results, null, clock.Elapsed);
    }

    private async Task<CheckResult> RunOneAsync(LabInfo lab, LabCheck check, Uri baseAddress, HttpClient http,
        IReadOnlyDictionary<string, string>? pathMap, LabProcess? process, CancellationToken labToken)
    {
        var clock = Stopwatch.StartNew();
        if (labToken.IsCancellationRequested)
        {
            return Result(lab, check, false, $"not run: the lab's time limit ({_options.LabTimeout.TotalSeconds:0} s) was used up", TimeSpan.Zero);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(labToken);
        deadline.CancelAfter(check.Timeout);
        // Current for this method's flow: every probe the check calls records into it.
        var transcript = new TranscriptRecorder(TimeProvider.System);
        TranscriptRecorder.SetCurrent(transcript);
        var result = await RunCheckAsync(lab, check, baseAddress, http, pathMap, process, transcript, deadline, labToken, clock);
        return result.Passed ? result : result with { Transcript = transcript.Snapshot() };
    }

    private async Task<CheckResult> RunCheckAsync(LabInfo lab, LabCheck check, Uri baseAddress, HttpClient http, IReadOnlyDictionary<string, string>? pathMap,
        LabProcess? process, TranscriptRecorder transcript, CancellationTokenSource deadline, CancellationToken labToken, Stopwatch clock)
    {
        try
        {
            Func<CancellationToken, Task>? restart = process is null ? null : token => process.RestartAsync(_options.StartTimeout, token);
            var context = new CheckContext(baseAddress, http, browser, deadline.Token, pathMap, restart, process is null ? null : process.OpenGraderPort, transcript);
            // WaitAsync: a probe that ignores its token still cannot hold the run past its deadline.
            var outcome = await check.Run(context).WaitAsync(check.Timeout + TimeSpan.FromSeconds(2), labToken);
            return Result(lab, check, outcome.Passed, outcome.Observed, clock.Elapsed);
        }
        catch (Exception) when (deadline.IsCancellationRequested || labToken.IsCancellationRequested)
        {
            var why = labToken.IsCancellationRequested
                ? $"timed out: the lab's time limit ({_options.LabTimeout.TotalSeconds:0} s) was used up"
                : $"no answer within {check.Timeout.TotalSeconds:0} s (timed out)";
            return Result(lab, check, false, why, clock.Elapsed);
        }
        catch (Exception e)
        {
            return Result(lab, check, false, Describe(e), clock.Elapsed);
        }
    }

    private static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        var first = inner.Message.Split('\n')[0];
        return inner is InvalidOperationException ? first : $"{inner.GetType().Name}: {first}";
    }

    private static LabReport FailAll(LabInfo lab, string target, IReadOnlyList<LabCheck> checks, string reason, Stopwatch clock) =>
        new(lab, target, checks.Select(c => Result(lab, c, false, reason, TimeSpan.Zero)).ToList(), reason, clock.Elapsed);

    private static CheckResult Result(LabInfo lab, LabCheck check, bool passed, string observed, TimeSpan duration)
    {
        var task = lab.FindTask(check.Task);
        // Level 1 only: a report or feedback nudges, it never hands out the code (`workshop hint --level` does, when asked).
        // A hidden task has no hint of its own.
        var hint = task?.Nudge;
        return new CheckResult(lab.Id, check.Task, check.Name, task?.Points ?? check.Points ?? 0, passed, check.Expected, observed, hint, check.Hidden, duration);
    }
}
