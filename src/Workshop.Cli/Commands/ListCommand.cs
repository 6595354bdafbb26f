using System.CommandLine;
using Spectre.Console;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop list</c>: the labs with their title, points and the learner's progress.</summary>
public static class ListCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var command = new Command("list", "List the labs with their progress (passed / failing / not started)");
        command.SetAction(_ =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var progress = workspace.LoadProgress();
            var table = new Table().AddColumns("Lab", "Title", "Tasks", "Progress");
            foreach (var lab in workspace.Manifest.Labs)
            {
                var state = progress.TryGetValue(lab.Id, out var p)
                    ? p.Passed ? $"[green]passed[/] ({p.Points}/{p.Max})" : $"[red]failing[/] ({p.Points}/{p.Max})"
                    : "[grey]not started[/]";
                table.AddRow(lab.Id, Markup.Escape(lab.Title), $"{lab.Tasks.Count} ({lab.MaxPoints} pts)", state);
            }
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
