using System.CommandLine;
using Spectre.Console;

namespace Workshop.Cli.Commands;

/// <summary>
/// <c>workshop reset NN</c>: puts the lab's start/ back as it was committed (git), or from the pristine copy in
/// <c>.workshop/pristine/</c> when the kit is not a git clone. Asks first, unless <c>--yes</c>.
/// </summary>
public static class ResetCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var lab = new Argument<string>("lab") { Description = "The lab: its number (01) or folder name" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask before overwriting" };
        var command = new Command("reset", "Restore a lab's start files (your changes in start/ are lost)") { lab, yes };
        command.SetAction(result =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var info = workspace.FindLab(result.GetValue(lab)!, Console.Error);
            if (info is null) return ExitCodes.BadInput;
            var relative = Path.Combine("labs", info.Folder, "start");
            var pristine = Path.Combine(workspace.StateDirectory, "pristine", info.Folder);
            var tracked = GitRunner.Run(workspace.Root, "ls-files", "--", relative) is { ExitCode: 0, Output.Length: > 0 };
            if (!tracked && !Directory.Exists(pristine))
            {
                Console.Error.WriteLine($"workshop: {relative} is not tracked by git and there is no pristine copy in {pristine}; nothing to restore from.");
                return ExitCodes.BadInput;
            }
            if (tracked && GitRunner.Run(workspace.Root, "status", "--porcelain", "--", relative) is { Output.Length: 0 })
            {
                AnsiConsole.MarkupLine($"Lab {info.Id}: start/ has no changes; nothing to reset.");
                return ExitCodes.Ok;
            }
            if (!result.GetValue(yes))
            {
                if (Console.IsInputRedirected)
                {
                    Console.Error.WriteLine("workshop: reset overwrites your work; confirm with --yes when not running interactively.");
                    return ExitCodes.BadInput;
                }
                if (!AnsiConsole.Confirm($"Overwrite your changes in {relative}?", defaultValue: false)) return ExitCodes.BadInput;
            }
            if (tracked)
            {
                GitRunner.Run(workspace.Root, "checkout", "HEAD", "--", relative);
                GitRunner.Run(workspace.Root, "clean", "-fdq", "--", relative); // new files the learner added; bin/obj stay (ignored)
            }
            else
            {
                Directory.Delete(Path.Combine(workspace.Root, relative), recursive: true);
                CopyTree(pristine, Path.Combine(workspace.Root, relative));
            }
            AnsiConsole.MarkupLine($"[green]Lab {info.Id}: start/ restored.[/]");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(source)) CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
    }
}
