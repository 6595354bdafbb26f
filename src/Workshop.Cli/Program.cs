using System.CommandLine;
using Workshop.Cli.Commands;

// Redirected output (CI logs, grading scripts) gets long lines instead of Spectre's 80-column default.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;

// One line per command: each lives in Commands/ and exposes `public static Command Create()`.
var root = new RootCommand("workshop: the Realtime Protocols Workshop's labs, checks, grading, site and notebooks");
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(HintCommand.Create());
root.Subcommands.Add(ResetCommand.Create());
root.Subcommands.Add(WatchCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
root.Subcommands.Add(ClassroomCommand.Create());
root.Subcommands.Add(SiteCommand.Create());
root.Subcommands.Add(NotebooksCommand.Create());
return await root.Parse(args).InvokeAsync();
