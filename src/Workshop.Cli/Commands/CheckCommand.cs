using System.CommandLine;
using Workshop.Grading.Running;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop check NN</c>: builds the lab's start/ (or solution/, or a running URL) and runs its checks.</summary>
public static class CheckCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var lab = new Argument<string>("lab") { Description = "The lab: its number (01) or folder name" };
        var solution = new Option<bool>("--solution") { Description = "Check the lab's solution/ instead of start/" };
        var path = new Option<string?>("--path") { Description = "Check this project folder instead (e.g. a student's copy of start/)" };
        var url = new Option<string?>("--url") { Description = "Check an app that is already running at this base URL (e.g. the playground)" };
        var task = new Option<string?>("--task") { Description = "Run only this task's checks (its id in labs.json); exit code 1 exactly when the task fails" };
        var timings = new Option<bool>("--timings") { Description = "Also print where the time went (build, start, each check); also: WORKSHOP_TIMINGS=1" };
        var command = new Command("check", "Build one lab and run its checks; exit code 1 when a check fails") { lab, solution, path, url, task, timings };
        command.SetAction(async (result, cancellationToken) =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var info = workspace.FindLab(result.GetValue(lab)!, Console.Error);
            if (info is null) return ExitCodes.BadInput;
            var only = result.GetValue(task);
            if (only is not null && info.FindTask(only) is null)
            {
                Console.Error.WriteLine($"workshop: lab {info.Id} has no task '{only}'; its tasks: {string.Join(", ", info.Tasks.Select(t => t.Id))}.");
                return ExitCodes.BadInput;
            }
            Uri? target = null;
            if (result.GetValue(url) is { } text && !Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out target))
            {
                Console.Error.WriteLine($"workshop: '{text}' is not an absolute URL.");
                return ExitCodes.BadInput;
            }
            var project = result.GetValue(path) is { } p ? Path.GetFullPath(p)
                : workspace.Manifest.VariantDirectory(info, result.GetValue(solution) ? "solution" : "start");
            if (target is null && !Directory.Exists(project))
            {
                Console.Error.WriteLine($"workshop: the folder {project} does not exist.");
                return ExitCodes.BadInput;
            }
            // One task's run says nothing about the lab's progress as a whole: only a full check is recorded.
            var record = result.GetValue(path) is null && !result.GetValue(solution) && only is null;
            var report = await LabChecker.RunAsync(workspace, info, project, target, record, cancellationToken, only);
            if (result.GetValue(timings) || Environment.GetEnvironmentVariable("WORKSHOP_TIMINGS") == "1") Console.WriteLine(LabTimings.Line(report));
            // Every step and check on its own line (the rows grade's timings.tsv gets), for a per-check table.
            if (Environment.GetEnvironmentVariable("WORKSHOP_TIMINGS") == "each")
                foreach (var row in LabTimings.TsvRows(project, report)) Console.WriteLine(row);
            return report.Passed ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        });
        return command;
    }
}
