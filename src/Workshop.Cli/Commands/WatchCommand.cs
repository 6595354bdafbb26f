using System.CommandLine;
using System.Threading.Channels;
using Spectre.Console;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop watch [NN]</c>: re-checks a lab every time a file of its start/ is saved. Ctrl+C stops.</summary>
public static class WatchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var lab = new Argument<string?>("lab") { Description = "The lab (default: the one checked last)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("watch", "Re-check a lab whenever one of its start files is saved") { lab };
        command.SetAction(async (result, cancellationToken) =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var id = result.GetValue(lab) ?? workspace.LoadProgress().OrderByDescending(p => p.Value.CheckedAt).Select(p => p.Key).FirstOrDefault();
            if (id is null)
            {
                Console.Error.WriteLine("workshop: which lab? Give its number (workshop watch 01) or run `workshop check NN` once first.");
                return ExitCodes.BadInput;
            }
            var info = workspace.FindLab(id, Console.Error);
            if (info is null) return ExitCodes.BadInput;
            var folder = workspace.Manifest.VariantDirectory(info, "start");

            var saves = Channel.CreateUnbounded<string>();
            using var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            FileSystemEventHandler onChange = (_, e) =>
            {
                // Build output changes on every check: watching it would loop forever.
                var relative = Path.GetRelativePath(folder, e.FullPath);
                if (!relative.StartsWith("bin", StringComparison.Ordinal) && !relative.StartsWith("obj", StringComparison.Ordinal)) saves.Writer.TryWrite(relative);
            };
            watcher.Changed += onChange;
            watcher.Created += onChange;
            watcher.Renamed += (s, e) => onChange(s, e);

            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await LabChecker.RunAsync(workspace, info, folder, url: null, record: true, cancellationToken);
                    AnsiConsole.MarkupLine($"[grey]Watching {Markup.Escape(folder)}: save a file to check again, Ctrl+C to stop.[/]");
                    var changed = await saves.Reader.ReadAsync(cancellationToken);
                    // Editors save in bursts (temp file, rename, touch): wait for the burst to settle, then drain it.
                    await Task.Delay(TimeSpan.FromMilliseconds(400), cancellationToken);
                    while (saves.Reader.TryRead(out _)) { }
                    AnsiConsole.MarkupLine($"[grey]{Markup.Escape(changed)} changed.[/]");
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a normal way to stop watching.
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
