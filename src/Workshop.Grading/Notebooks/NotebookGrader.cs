using System.Diagnostics;
using System.Security.Cryptography;
using Workshop.Grading.Checks;
using Workshop.Grading.Running;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// Grades the notebooks' "Your turn" exercises of a class by differential testing. Once per class: a probe program
/// made of the instructor's shipped cells is built with MSBuild (the compiler call is captured, as for labs:
/// <see cref="CompilerTemplate"/>), a seed is drawn, and the same program made of the worked answers is compiled and
/// run: its results are the expected ones, kept in the grader's memory. Per student: only the cells tagged
/// <c>exercise</c> are taken from their notebooks (<see cref="StudentNotebook"/>), all of them compiled into one
/// program (a compile error falls back to one program per exercise, so one broken cell does not zero the others),
/// compiled and run in the sandbox with the same seed, and its results compared in this process
/// (<see cref="ProbeVerdict"/>). Nothing the student's program prints is read, and what it writes to its results file
/// can only ever match the expected results by computing them.
/// </summary>
public sealed class NotebookGrader
{
    private readonly NotebookCatalog _catalog;
    private readonly LabRunnerOptions _options;
    private readonly string _root;
    private readonly Lazy<Task<Preparation>> _prepared;

    /// <summary>Creates the grader of a class; <paramref name="root"/> is its scratch folder (templates, the answers' run).</summary>
    public NotebookGrader(NotebookCatalog catalog, LabRunnerOptions options, string root)
    {
        (_catalog, _options, _root) = (catalog, options, Path.GetFullPath(root));
        _prepared = new Lazy<Task<Preparation>>(() => PrepareAsync(CancellationToken.None));
    }

    /// <summary>The seed of every student's random cases; null draws one per grading run (<see cref="SeedUsed"/> tells which).</summary>
    public int? Seed { get; init; }

    /// <summary>The seed the cases were drawn from, once the first student's notebooks were graded: <c>--seed</c> replays them.</summary>
    public int? SeedUsed => _prepared.IsValueCreated && _prepared.Value.IsCompletedSuccessfully && _prepared.Value.Result.Problem is null ? _prepared.Value.Result.Seed : null;

    /// <summary>How long one case may take before it is wrong (the check cells allow 10 s).</summary>
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one exercise (its cell and all its cases) may take.</summary>
    public TimeSpan ExerciseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one student's exercise programs may run in all (every run and rerun together): an honest student's
    /// take seconds, and cells that sleep or starve their thread pool must not hold a grading worker for many minutes.
    /// </summary>
    public TimeSpan StudentBudget { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>
    /// What went wrong on the grader's side (the probe program's template, the worked answers), for every student
    /// alike; empty when every exercise could be graded. Known once the first student's notebooks were graded.
    /// </summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            if (!_prepared.IsValueCreated || !_prepared.Value.IsCompletedSuccessfully) return [];
            var prepared = _prepared.Value.Result;
            return prepared.Problem is { } problem ? [problem] : [.. prepared.Broken.Select(b => $"{b.Key}: {b.Value}")];
        }
    }

    /// <summary>The notebooks a selection of ids names (null: every notebook; an id such as <c>01</c> names a lab, not a notebook).</summary>
    public IReadOnlyList<NotebookInfo> Selected(IReadOnlyCollection<string>? ids) =>
        ids is null ? _catalog.Notebooks : _catalog.Notebooks.Where(n => ids.Contains(n.Id)).ToList();

    /// <summary>
    /// One report per selected notebook, one result per exercise. <paramref name="sandbox"/> is the grading worker's
    /// own (its own outside uid); by default the class's.
    /// </summary>
    public async Task<IReadOnlyList<LabReport>> GradeAsync(string studentFolder, string work, IReadOnlyCollection<string>? ids = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default, Sandboxing.Sandbox? sandbox = null)
    {
        var notebooks = Selected(ids);
        if (notebooks.Count == 0) return [];
        progress?.Report("notebooks");
        // The first student of a run waits here for the class's one template build and answers run; its timings show it apart.
        var waited = Stopwatch.StartNew();
        var prepared = await _prepared.Value.WaitAsync(cancellationToken);
        var template = waited.Elapsed;
        var clock = Stopwatch.StartNew();
        var read = notebooks.Select(n => (Notebook: n, Student: StudentNotebook.Read(studentFolder, n))).ToList();
        // An exercise whose worked answer gave no results cannot be graded for anyone (Report says so); the rest can.
        var cells = read.SelectMany(r => r.Notebook.Exercises.Where(e => r.Student.Cells.ContainsKey(e.Id) && prepared.Expected.ContainsKey(e.Id))
            .Select(e => new ProgramCell(r.Notebook, e, r.Student.Cells[e.Id]))).ToList();
        var verdicts = new Dictionary<string, ExerciseVerdict>(StringComparer.Ordinal);
        if (prepared.Problem is null && cells.Count > 0)
        {
            var runner = new ProbeRunner(_catalog, _options with { Sandbox = sandbox ?? _options.Sandbox }, prepared, CaseTimeout, ExerciseTimeout) { Budget = StudentBudget };
            verdicts = await runner.GradeAsync(cells, Path.Combine(work, "notebooks"), cancellationToken);
        }
        // One program graded every selected notebook: its time goes to the first report only, so totals stay true.
        return read.Select((r, i) => Report(r.Notebook, r.Student, verdicts, prepared, i == 0 ? (template, clock.Elapsed) : (TimeSpan.Zero, TimeSpan.Zero))).ToList();
    }

    private static LabReport Report(NotebookInfo notebook, StudentNotebook student, Dictionary<string, ExerciseVerdict> verdicts, Preparation prepared,
        (TimeSpan Template, TimeSpan Run) time)
    {
        var lab = notebook.AsLab();
        var results = notebook.Exercises.Select(e =>
        {
            var verdict = prepared.Problem is not null ? ExerciseVerdict.Wrong("the exercise could not be graded: " + prepared.Problem)
                : !prepared.Expected.ContainsKey(e.Id) ? ExerciseVerdict.Wrong("the exercise could not be graded: " + prepared.Broken.GetValueOrDefault(e.Id, "its worked answer gave no results"))
                : student.Refusal is not null ? ExerciseVerdict.NotDone(student.Refusal)
                : !student.Cells.ContainsKey(e.Id) ? ExerciseVerdict.NotDone($"no cell tagged exercise starts with \"// Your turn ({e.Id})\" in notebooks/{notebook.FileName}")
                : verdicts.GetValueOrDefault(e.Id) ?? ExerciseVerdict.Wrong("the exercise was not run");
            var expected = prepared.Expected.TryGetValue(e.Id, out var cases) ? $"the worked answer's results on all {cases.Cases.Count} cases" : "the worked answer's results";
            var observed = verdict.Kind switch
            {
                ExerciseVerdictKind.Passed => "passed",
                ExerciseVerdictKind.NotDoneYet => "not done yet: " + verdict.Detail,
                _ => "wrong: " + verdict.Detail,
            };
            // As the check cell: the first hint when not done yet, every hint when wrong.
            var hint = verdict.Kind switch
            {
                ExerciseVerdictKind.NotDoneYet when e.Hints.Count > 0 => e.Hints[0],
                ExerciseVerdictKind.Wrong when e.Hints.Count > 0 => string.Join(" ", e.Hints),
                _ => null,
            };
            return new CheckResult(lab.Id, e.Id, e.Id, NotebookExercise.Points, verdict.Kind == ExerciseVerdictKind.Passed, expected, observed, hint, false, TimeSpan.Zero);
        }).ToList();
        return new LabReport(lab, "notebooks/" + notebook.FileName, results, prepared.Problem is null ? null : "the notebooks could not be graded: " + prepared.Problem, time.Template + time.Run)
        {
            Notes = student.Notes,
            Timings = time.Run > TimeSpan.Zero ? [new LabTiming("template", time.Template), new LabTiming("compile and run (every notebook's exercises)", time.Run)] : [],
        };
    }

    private async Task<Preparation> PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lib = Path.Combine(_root, "lib");
            Directory.CreateDirectory(lib);
            // Left empty: the workshop's library would let a cell call the reference implementation instead of writing it (ProbeProgram).
            // Nothing above the scratch folder may add MSBuild settings of its own to the template.
            foreach (var name in (string[])["Directory.Build.props", "Directory.Build.targets"]) File.WriteAllText(Path.Combine(_root, name), "<Project />\n");
            var template = Path.Combine(_root, "template");
            var shipped = _catalog.Notebooks.SelectMany(n => n.Exercises.Select(e => new ProgramCell(n, e, e.ShippedCell))).ToList();
            ProbeProgram.WriteProject(template, _catalog, shipped);
            if (await LabBuilder.RestoreAsync(template, Path.Combine(_root, "packages"), _options.BuildTimeout, cancellationToken) is { } restore) return Preparation.Failed(restore);
            var (compiler, reason) = await CompilerTemplate.CaptureAsync(template, Path.Combine(_root, "template-out"), _options.BuildTimeout, cancellationToken);
            if (compiler is null) return Preparation.Failed("the probe program's template did not build: " + reason);
            var seed = Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
            Preparation Fresh() => new(compiler, lib, seed, new Dictionary<string, ProbeResults.Exercise>(), new Dictionary<string, string>(), null);
            var prepared = await RunAnswersAsync(Fresh(), cancellationToken);
            // A worked answer that failed once (a loopback case slow on a busy machine) would cost every student that
            // exercise: it gets one more run before the class is told it cannot be graded.
            return prepared.Problem is null && prepared.Broken.Count > 0 ? await RunAnswersAsync(Fresh(), cancellationToken) : prepared;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return Preparation.Failed(e.Message);
        }
    }

    // The worked answers, through the same program, unsandboxed (the instructor's own code), in a folder deleted at once:
    // the expected results stay in the grader's memory only.
    private async Task<Preparation> RunAnswersAsync(Preparation prepared, CancellationToken cancellationToken)
    {
        var answers = _catalog.Notebooks.SelectMany(n => n.Exercises.Select(e => new ProgramCell(n, e, File.ReadAllText(_catalog.AnswerFile(e.Id))))).ToList();
        var folder = Path.Combine(_root, "answers-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runner = new ProbeRunner(_catalog, _options with { Sandbox = null }, prepared, CaseTimeout, ExerciseTimeout);
            var (results, problem) = await runner.CompileAndRunAsync(answers, folder, cancellationToken);
            if (results is null) return Preparation.Failed("the worked answers do not compile: " + problem);
            foreach (var cell in answers)
            {
                var id = cell.Exercise.Id;
                var exercise = results.Exercises.GetValueOrDefault(id);
                var failedCase = exercise is null ? -1 : Enumerable.Range(0, exercise.Cases.Count).FirstOrDefault(i => !exercise.Cases.TryGetValue(i, out var l) || l.Count != 1 || l[0].Kind != "ok", -1);
                var bad = exercise is null || exercise.Ends != 1 ? "its worked answer did not finish" + (problem is null ? "" : $" ({problem})")
                    : exercise.Failed is { } f ? $"its worked answer failed: {f.Message}"
                    : exercise.Cases.Count == 0 ? "its probe gave no cases"
                    : failedCase >= 0 ? $"its worked answer failed case {failedCase}: {exercise.Cases.GetValueOrDefault(failedCase)?[0].Value}" : null;
                if (bad is null) prepared.Expected[id] = exercise!;
                else prepared.Broken[id] = bad;
            }
            return prepared;
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
