using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Notebooks;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;

namespace Workshop.Grading.Submissions;

/// <summary>
/// Grades a whole class with up to <c>Jobs</c> students side by side. Each worker has its own browser, its own
/// scratch folder and (for a root grader) its own sandbox user, so nothing of one student's run is shared with another's;
/// every sandboxed lab app has its own loopback anyway. The grades come back in the order of the student folders,
/// whatever order the workers finish in, so the reports do not depend on the number of workers.
/// </summary>
public sealed class ClassGrader(LabManifest manifest, LabRunnerOptions options, IReadOnlyDictionary<string, List<LabCheck>>? extraChecks = null)
{
    private readonly Lock _gate = new();

    /// <summary>How many students are graded at once (at least 1).</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Start each worker's Chromium at once, while its first lab is prepared (true), or at its first page check.</summary>
    public bool WarmBrowser { get; init; } = true;

    /// <summary>The instructor's notebooks: with them, every student's notebook exercises are graded too (see <see cref="NotebookGrader"/>).</summary>
    public NotebookCatalog? Notebooks { get; init; }

    /// <summary>The seed of the notebooks' random cases (<see cref="NotebookGrader.Seed"/>); null draws one.</summary>
    public int? NotebookSeed { get; init; }

    /// <summary>After <see cref="GradeAsync"/>: the seed the notebooks' cases were drawn from (null when no notebook was graded).</summary>
    public int? NotebookSeedUsed { get; private set; }

    /// <summary>
    /// After <see cref="GradeAsync"/>: what could not be graded for any student because of the grader's own side (the
    /// notebooks' probe template, a worked answer that failed twice). Empty when everything could be graded.
    /// </summary>
    public IReadOnlyList<string> GraderProblems { get; private set; } = [];

    /// <summary>Called with each step ("alice · building 01"); calls never overlap.</summary>
    public Action<string>? Status { get; init; }

    /// <summary>Called when a student is done; calls never overlap (and never overlap <see cref="Status"/>).</summary>
    public Action<StudentGrade>? Graded { get; init; }

    /// <summary>Grades every student folder; the result has one grade per folder, in the same order.</summary>
    public async Task<IReadOnlyList<StudentGrade>> GradeAsync(IReadOnlyList<string> students, string scratch, IReadOnlyCollection<string>? labIds = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Jobs, 1);
        var grades = new StudentGrade[students.Count];
        var next = -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Restored once per lab for the whole class, whichever worker needs it first.
        var templates = new LabTemplates(manifest, Path.Combine(scratch, ".templates"), options.BuildTimeout);
        // Likewise the notebooks' probe program and the worked answers' results: once per class.
        var notebooks = Notebooks is null ? null : new NotebookGrader(Notebooks, options, Path.Combine(scratch, ".templates", "notebooks")) { Seed = NotebookSeed };
        async Task WorkAsync(int worker)
        {
            try
            {
                var sandbox = worker == 0 ? options.Sandbox : options.Sandbox?.ForWorker();
                await using var browser = new BrowserSession(sandbox); // sandboxed grading keeps Chromium's own sandbox too
                if (WarmBrowser) browser.Warm(); // every lab has page checks
                var runner = new LabRunner(browser, options with { Sandbox = sandbox });
                var grader = new SubmissionGrader(manifest, runner, extraChecks) { Templates = templates, Notebooks = notebooks };
                var own = Path.Combine(scratch, "w" + worker);
                int index;
                while ((index = Interlocked.Increment(ref next)) < students.Count)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var student = Path.GetFileName(students[index].TrimEnd('/', '\\'));
                    var grade = await grader.GradeAsync(students[index], own, labIds, new StepReporter(step => Report(Status, $"{student} · {step}")), stop.Token);
                    grades[index] = grade;
                    Report(Graded, grade);
                    SubmissionGrader.Forget(students[index], own);
                }
            }
            catch
            {
                // One worker that cannot go on (cancelled, or a fault outside any lab) stops the others.
                await stop.CancelAsync();
                throw;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Jobs, Math.Max(students.Count, 1))).Select(w => Task.Run(() => WorkAsync(w), CancellationToken.None)));
        GraderProblems = notebooks?.Problems ?? [];
        NotebookSeedUsed = notebooks?.SeedUsed;
        return grades;
    }

    private void Report<T>(Action<T>? action, T value)
    {
        if (action is null) return;
        lock (_gate) action(value);
    }

    // Synchronous, unlike Progress<T>: a step is shown when it happens, on the worker's own thread, under the gate.
    private sealed class StepReporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
