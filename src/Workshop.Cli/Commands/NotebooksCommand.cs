using System.CommandLine;
using Workshop.Cli.Notebooks;
using Workshop.Grading.Manifest;

namespace Workshop.Cli.Commands;

/// <summary><c>workshop notebooks export [--check] [--dir notebooks]</c>: regenerates the notebooks' file-based twins.</summary>
public static class NotebooksCommand
{
    /// <summary>Creates the <c>notebooks</c> command with its <c>export</c> subcommand.</summary>
    public static Command Create()
    {
        var check = new Option<bool>("--check")
        {
            Description = "Change nothing; exit with 1 if a twin is missing or differs from its notebook.",
        };
        var directory = new Option<DirectoryInfo?>("--dir")
        {
            Description = "The notebooks folder (default: notebooks/ of the repository around the current directory).",
        };
        var export = new Command("export", "Regenerate notebooks/NN-name.cs (file-based apps) from notebooks/NN-name.ipynb.");
        export.Options.Add(check);
        export.Options.Add(directory);
        export.SetAction(parse => Export(parse.GetValue(directory), parse.GetValue(check)));

        var notebooks = new Command("notebooks", "Work with the Polyglot notebooks and their file-based twins.");
        notebooks.Subcommands.Add(export);
        return notebooks;
    }

    private static int Export(DirectoryInfo? directory, bool check)
    {
        var folder = directory?.FullName ?? FindNotebooksFolder();
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("No notebooks folder: run inside the workshop repository or pass --dir.");
            return 2;
        }

        var stale = 0;
        foreach (var notebook in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var twinPath = NotebookTwinExporter.TwinPathFor(notebook);
            var twin = NotebookTwinExporter.Export(File.ReadAllText(notebook), Path.GetFileName(notebook));
            var current = File.Exists(twinPath) ? File.ReadAllText(twinPath).ReplaceLineEndings("\n") : null;
            if (current == twin)
            {
                Console.WriteLine($"up to date  {Path.GetFileName(twinPath)}");
                continue;
            }
            if (check)
            {
                Console.WriteLine($"STALE       {Path.GetFileName(twinPath)}");
                stale++;
                continue;
            }
            File.WriteAllText(twinPath, twin);
            Console.WriteLine($"written     {Path.GetFileName(twinPath)}");
        }
        return stale == 0 ? 0 : 1;
    }

    private static string? FindNotebooksFolder()
        => CourseRoot.FindAbove(Directory.GetCurrentDirectory()) is { } root ? Path.Combine(root, "notebooks") : null;
}
