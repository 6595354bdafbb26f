using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Workshop.Grading.Manifest;

namespace Workshop.Cli.Commands;

/// <summary>
/// <c>workshop hint NN [--task ID] [--level 1|2|3]</c>: one hint for the task at hand. Without <c>--task</c>, the
/// first task that did not pass at the last <c>workshop check NN</c> (the first task before any check); level 1 is a
/// nudge, 2 the concept with a link, 3 the code.
/// </summary>
public static class HintCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var lab = new Argument<string>("lab") { Description = "The lab: its number (01) or folder name" };
        var task = new Option<string?>("--task") { Description = "The task (its id in labs.json); default: the first one not passing at your last check" };
        var level = new Option<string?>("--level") { Description = "1: a nudge (default), 2: the concept, 3: the code" };
        var command = new Command("hint", "Show a hint for the task at hand, one level at a time") { lab, task, level };
        command.SetAction(result =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var info = workspace.FindLab(result.GetValue(lab)!, Console.Error);
            if (info is null) return ExitCodes.BadInput;
            var levelText = result.GetValue(level) ?? "1";
            if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > TaskHints.Levels)
            {
                Console.Error.WriteLine($"workshop: there is no hint level '{levelText}'; the levels are 1 (a nudge), 2 (the concept) and 3 (the code).");
                return ExitCodes.BadInput;
            }
            var (chosen, why) = Choose(workspace, info, result.GetValue(task));
            if (chosen is null)
            {
                Console.Error.WriteLine($"workshop: lab {info.Id} has no task '{result.GetValue(task)}'; its tasks: {string.Join(", ", info.Tasks.Select(t => t.Id))}.");
                return ExitCodes.BadInput;
            }
            Print(info, chosen, n, why);
            return ExitCodes.Ok;
        });
        return command;
    }

    // An explicit task wins; otherwise the last full check run decides (a file from before per-task results: the first task).
    private static (LabTask? Task, string Why) Choose(Workspace workspace, LabInfo lab, string? taskId)
    {
        if (taskId is not null) return (lab.FindTask(taskId), "");
        if (!workspace.LoadProgress().TryGetValue(lab.Id, out var progress) || progress.Tasks is null)
        {
            return (lab.Tasks.FirstOrDefault(), "no check run yet, so the first task");
        }
        var open = lab.Tasks.FirstOrDefault(t => !progress.Tasks.TryGetValue(t.Id, out var passed) || !passed);
        var when = progress.CheckedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return open is null
            ? (lab.Tasks.LastOrDefault(), $"every task passed at your last check ({when}); here is the last one")
            : (open, $"the first task not passing at your last check ({when})");
    }

    private static void Print(LabInfo lab, LabTask task, int level, string why)
    {
        var number = lab.Tasks.ToList().IndexOf(task) + 1;
        AnsiConsole.MarkupLine($"[bold]Lab {lab.Id} · {Markup.Escape(lab.Title)}[/]  (README: labs/{Markup.Escape(lab.Folder)}/README.md)");
        AnsiConsole.MarkupLine($" Task {number}. [bold]{Markup.Escape(task.Title)}[/] ({task.Points} {(task.Points == 1 ? "point" : "points")}, id [blue]{Markup.Escape(task.Id)}[/])" +
            (why.Length > 0 ? $" [grey]· {Markup.Escape(why)}[/]" : ""));
        if (task.Hints is null)
        {
            AnsiConsole.MarkupLine(" [grey]This task has no hints yet.[/]");
            return;
        }
        AnsiConsole.MarkupLine($" [yellow]Hint {level} of {TaskHints.Levels} ({TaskHints.Name(level)})[/]" +
            (level == 3 && task.Hints.Files.Count > 0 ? $" [grey]in {Markup.Escape(string.Join(", ", task.Hints.Files))}[/]" : ""));
        // Code goes out as plain text: Spectre markup would read its brackets as styles.
        foreach (var line in task.Hints.Level(level).Split('\n')) AnsiConsole.Console.WriteLine("   " + line);
        if (level == 2 && lab.Hints.Count > 0)
        {
            AnsiConsole.MarkupLine(" [yellow]Try it by hand[/]");
            foreach (var tip in lab.Hints) AnsiConsole.Console.WriteLine("   • " + tip);
        }
        if (level < TaskHints.Levels)
        {
            AnsiConsole.MarkupLine($" [grey]More: workshop hint {lab.Id} --task {Markup.Escape(task.Id)} --level {level + 1}[/]");
        }
    }
}
