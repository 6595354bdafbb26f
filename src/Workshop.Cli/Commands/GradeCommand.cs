using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Workshop.Grading.Checks;
using Workshop.Grading.Notebooks;
using Workshop.Grading.Probes;
using Workshop.Grading.Reports;
using Workshop.Grading.Running;
using Workshop.Grading.Sandboxing;
using Workshop.Grading.Submissions;

namespace Workshop.Cli.Commands;

/// <summary>
/// <c>workshop grade SUBMISSIONS --out DIR</c>: every student folder (a copy of the repository), every lab, with the
/// instructor's checks; writes gradebook.csv, feedback/&lt;student&gt;.md and .html, and junit.xml. Every build and
/// lab app of a submission runs in a bubblewrap sandbox; where there is none, it refuses unless
/// <c>--trust-submissions</c> is given. <c>--jobs N</c> grades N students side by side (<see cref="ClassGrader"/>).
/// The notebooks' exercises are graded too (gradebook ids <c>nb00</c>…, one row per exercise; <see cref="NotebookGrader"/>)
/// unless <c>--no-notebooks</c>, or <c>--labs</c> names labs only.
/// </summary>
public static class GradeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var submissions = new Argument<string>("submissions") { Description = "A folder with one sub-folder per student (each a copy of the repository)" };
        var output = new Option<string>("--out") { Description = "Where to write the gradebook, feedback and JUnit file", Required = true };
        var extra = new Option<string?>("--extra-checks") { Description = "A folder of hidden checks (*.json), kept outside the students' repository" };
        var labs = new Option<string?>("--labs") { Description = "Only these labs and notebooks, comma separated (e.g. 01,02,nb01; a notebook's exercises are nbNN)" };
        var noNotebooks = new Option<bool>("--no-notebooks") { Description = "Grade the labs only, not the notebooks' exercises" };
        var showHidden = new Option<bool>("--show-hidden") { Description = "Also show the hidden checks in the student feedback" };
        var trust = new Option<bool>("--trust-submissions")
        {
            Description = "Run the submissions' builds and apps unsandboxed, as you (only for code you trust, or where bubblewrap is unavailable)",
        };
        var jobs = new Option<int>("--jobs")
        {
            Description = "How many students are graded side by side, each in its own sandbox with its own browser (default: the core count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var timings = new Option<bool>("--timings")
        {
            Description = "Print where each student's lab spent its time (copy, build, start, each check) and write timings.tsv (also: WORKSHOP_TIMINGS=1)",
        };
        var fullBuild = new Option<bool>("--full-build")
        {
            Description = "Build every copy with dotnet build instead of compiling it with the compiler call captured from the instructor's build (slower; same grades)",
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Draw the notebooks' random cases from this seed (summary.txt of a run names the seed it drew; pass it to replay those cases)",
        };
        var command = new Command("grade", "Grade a folder of submissions") { submissions, output, extra, labs, noNotebooks, showHidden, trust, jobs, timings, fullBuild, seed };
        command.SetAction(async (result, cancellationToken) =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var workers = result.GetValue(jobs);
            if (workers < 1)
            {
                Console.Error.WriteLine($"workshop: --jobs must be at least 1 (got {workers}).");
                return ExitCodes.BadInput;
            }
            var folder = Path.GetFullPath(result.GetValue(submissions)!);
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"workshop: the submissions folder {folder} does not exist.");
                return ExitCodes.BadInput;
            }
            IReadOnlyDictionary<string, List<LabCheck>>? hidden = null;
            if (result.GetValue(extra) is { } extraDir)
            {
                try
                {
                    hidden = ExtraCheckLoader.Load(Path.GetFullPath(extraDir));
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    Console.Error.WriteLine($"workshop: the extra checks cannot be used: {e.Message}");
                    return ExitCodes.BadInput;
                }
            }
            NotebookCatalog? notebooks = null;
            if (!result.GetValue(noNotebooks) && Directory.Exists(Path.Combine(workspace.Root, "notebooks")))
            {
                try
                {
                    notebooks = NotebookCatalog.Load(Path.Combine(workspace.Root, "notebooks"));
                }
                catch (Exception e) when (e is IOException or InvalidDataException)
                {
                    Console.Error.WriteLine($"workshop: the notebooks' exercises cannot be graded: {e.Message} (or pass --no-notebooks).");
                    return ExitCodes.BadInput;
                }
            }
            HashSet<string>? only = null;
            if (result.GetValue(labs) is { } list)
            {
                only = [];
                foreach (var id in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (id.StartsWith("nb", StringComparison.OrdinalIgnoreCase))
                    {
                        var notebook = notebooks?.Find(id);
                        if (notebook is null)
                        {
                            Console.Error.WriteLine($"workshop: there is no notebook '{id}' to grade{(notebooks is null ? " (--no-notebooks)" : $". Known notebooks: {string.Join(", ", notebooks.Notebooks.Select(n => n.Id))}")}.");
                            return ExitCodes.BadInput;
                        }
                        only.Add(notebook.Id);
                        continue;
                    }
                    var info = workspace.FindLab(id, Console.Error);
                    if (info is null) return ExitCodes.BadInput;
                    only.Add(info.Id);
                }
            }
            if (result.GetValue(seed) is < 0)
            {
                Console.Error.WriteLine($"workshop: --seed must be 0 or more (got {result.GetValue(seed)}).");
                return ExitCodes.BadInput;
            }
            var students = SubmissionGrader.StudentFolders(folder);
            if (students.Count == 0)
            {
                Console.Error.WriteLine($"workshop: {folder} has no student folders.");
                return ExitCodes.BadInput;
            }

            Sandbox? sandbox = null;
            if (!result.GetValue(trust))
            {
                var (found, reason) = await Sandbox.DetectAsync(cancellationToken: cancellationToken);
                if (found is null)
                {
                    Console.Error.WriteLine($"workshop: grading runs every submission's build and app in a sandbox, and there is none here: {reason}.");
                    Console.Error.WriteLine("workshop: install bubblewrap (Linux), or pass --trust-submissions to run them unsandboxed as yourself.");
                    return ExitCodes.BadInput;
                }
                sandbox = found;
                sandbox.HideAlways(InstructorOnly(workspace.Root));
                if (found.CgroupProblem is { } why)
                {
                    Console.Error.WriteLine($"workshop: memory and processes are limited per process only, not per student: {why}. Run grade as root for a control group per worker.");
                }
                // Before anyone is graded: a browser that cannot start (with its own sandbox) would zero every page task of the class.
                if (await BrowserSession.ProblemStartingAsync(sandbox) is { } browserProblem)
                {
                    Console.Error.WriteLine($"workshop: the page checks' browser does not start, so nobody was graded: {browserProblem}");
                    return ExitCodes.BadInput;
                }
            }

            var showTimings = result.GetValue(timings) || Environment.GetEnvironmentVariable("WORKSHOP_TIMINGS") == "1";
            var outDir = Path.GetFullPath(result.GetValue(output)!);
            var scratch = Path.Combine(Path.GetTempPath(), "workshop-grade-" + Guid.NewGuid().ToString("N"));
            var clock = Stopwatch.StartNew();
            IReadOnlyList<StudentGrade> grades = [];
            IReadOnlyList<string> graderProblems = [];
            int? seedUsed = null;
            await AnsiConsole.Status().StartAsync("Grading…", async context =>
            {
                var grader = new ClassGrader(workspace.Manifest, new LabRunnerOptions { Sandbox = sandbox, FastBuild = !result.GetValue(fullBuild) }, hidden)
                {
                    Jobs = workers,
                    Notebooks = notebooks,
                    NotebookSeed = result.GetValue(seed),
                    Status = step => context.Status(Markup.Escape(ReportText.Clean(step, keepNewlines: false))),
                    Graded = grade =>
                    {
                        var name = Markup.Escape(ReportText.Clean(grade.Student, keepNewlines: false));
                        AnsiConsole.MarkupLine($"{name}: {grade.Points}/{grade.Max}");
                        if (!showTimings) return;
                        foreach (var report in grade.Reports) AnsiConsole.MarkupLine($"  {name} {Markup.Escape(LabTimings.Line(report))}");
                    },
                };
                grades = await grader.GradeAsync(students, scratch, only, cancellationToken);
                graderProblems = grader.GraderProblems;
                seedUsed = grader.NotebookSeedUsed;
            });
            TryDelete(scratch);
            Write(outDir, grades, result.GetValue(showHidden));
            // For the instructor only (no student's feedback shows it): the seed replays the notebooks' cases of this run.
            File.WriteAllText(Path.Combine(outDir, "summary.txt"),
                $"students: {grades.Count}\nnotebook-seed: {(seedUsed is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none (no notebook was graded)")}\n");
            if (seedUsed is { } used) AnsiConsole.MarkupLine($"The notebooks' cases came from seed {used} (--seed {used} replays them).");
            if (showTimings)
            {
                File.WriteAllLines(Path.Combine(outDir, "timings.tsv"),
                    [LabTimings.TsvHeader, .. grades.SelectMany(g => g.Reports.SelectMany(r => LabTimings.TsvRows(g.Student, r)))]);
            }
            AnsiConsole.MarkupLine($"Graded {grades.Count} submission(s) in {clock.Elapsed.TotalSeconds:0} s → {Markup.Escape(outDir)}");
            // Not the students' fault, and it cost every one of them: the instructor must not mistake it for a grade.
            foreach (var problem in graderProblems) Console.Error.WriteLine($"workshop: could not be graded for anyone (their rows say so, with 0 points): {problem}");
            return graderProblems.Count == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        });
        return command;
    }

    private static void Write(string outDir, IReadOnlyList<StudentGrade> grades, bool showHidden)
    {
        Directory.CreateDirectory(Path.Combine(outDir, "feedback"));
        File.WriteAllText(Path.Combine(outDir, "gradebook.csv"), GradebookWriter.ToCsv(grades));
        JUnitWriter.ToXml(grades, showHidden).Save(Path.Combine(outDir, "junit.xml"));
        foreach (var grade in grades)
        {
            File.WriteAllText(Path.Combine(outDir, "feedback", grade.Student + ".md"), FeedbackWriter.ToMarkdown(grade, showHidden));
            File.WriteAllText(Path.Combine(outDir, "feedback", grade.Student + ".html"), FeedbackWriter.ToHtml(grade, showHidden));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space in the temp folder: the OS cleans it eventually.
        }
    }

    // What a submission's build, app or notebook cells must never read, wherever the instructor's repository lives.
    private static IEnumerable<string> InstructorOnly(string root)
    {
        yield return Path.Combine(root, ".git");
        yield return Path.Combine(root, "notebooks", "answers");
        yield return Path.Combine(root, "notebooks", "grading");
        foreach (var lab in Directory.Exists(Path.Combine(root, "labs")) ? Directory.GetDirectories(Path.Combine(root, "labs")) : [])
        {
            yield return Path.Combine(lab, "solution");
            yield return Path.Combine(lab, "mutants");
        }
    }
}
