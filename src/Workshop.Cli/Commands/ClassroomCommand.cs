using System.CommandLine;
using Workshop.Cli.Classroom;

namespace Workshop.Cli.Commands;

/// <summary>
/// <c>workshop classroom export DIR --repository OWNER/NAME --ref TAG</c>: writes a GitHub Classroom student template
/// repository whose workflow grades each task with the instructor's checks at that tag.
/// </summary>
public static class ClassroomCommand
{
    /// <summary>The <c>classroom</c> command with its <c>export</c> subcommand.</summary>
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "A new (or empty) folder for the student template repository" };
        var repository = new Option<string>("--repository") { Description = "The instructor's GitHub repository (owner/name) the workflow takes the checks from", Required = true };
        var gitRef = new Option<string>("--ref") { Description = "The tag (or commit) of that repository the checks are pinned to", Required = true };
        var export = new Command("export", "Write a student template: labs' start/ without solutions, the site without solution code, and a classroom.yml with one step per task")
        {
            directory, repository, gitRef,
        };
        export.SetAction(result =>
        {
            var workspace = Workspace.Open(Console.Error);
            if (workspace is null) return ExitCodes.BadInput;
            var source = new PinnedSource(result.GetValue(repository)!, result.GetValue(gitRef)!);
            if (!source.IsValid)
            {
                Console.Error.WriteLine("workshop: --repository must be owner/name and --ref a tag, branch or commit (letters, digits, . _ / -).");
                return ExitCodes.BadInput;
            }
            var target = Path.GetFullPath(result.GetValue(directory)!);
            if (target.StartsWith(workspace.Root.TrimEnd('/') + "/", StringComparison.Ordinal) || target == workspace.Root)
            {
                Console.Error.WriteLine("workshop: export outside the repository (the template is a repository of its own).");
                return ExitCodes.BadInput;
            }
            try
            {
                var files = ClassroomExporter.Export(workspace.Root, workspace.Manifest, target, source);
                var steps = workspace.Manifest.Labs.Sum(l => l.Tasks.Count);
                Console.WriteLine($"Wrote {files} files into {target}: {ClassroomExporter.WorkflowPath} grades {steps} tasks with {source.Repository}@{source.Ref}.");
                return ExitCodes.Ok;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"workshop: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return new Command("classroom", "GitHub Classroom") { export };
    }
}
