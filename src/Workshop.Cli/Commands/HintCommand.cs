using System.CommandLine;
using Spectre.Console;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop hint NN</c>: the lab's hints, task by task.</summary>
public static class HintCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var lab = new Argument<string>("lab") { Description = "The lab: its number (01) or folder name" };
        var command = new Command("hint", "Show the hints of a lab") { lab };
        command.SetAction(result =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var info = workspace.FindLab(result.GetValue(lab)!, Console.Error);
            if (info is null) return ExitCodes.BadInput;
            AnsiConsole.MarkupLine($"[bold]Lab {info.Id} · {Markup.Escape(info.Title)}[/]  (README: labs/{info.Folder}/README.md)");
            var number = 0;
            foreach (var task in info.Tasks)
            {
                AnsiConsole.MarkupLine($" {++number}. [bold]{Markup.Escape(task.Title)}[/] ({task.Points} pts)");
                if (task.Hint is not null) AnsiConsole.MarkupLine($"    {Markup.Escape(task.Hint)}");
            }
            foreach (var hint in info.Hints) AnsiConsole.MarkupLine($" [yellow]•[/] {Markup.Escape(hint)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
