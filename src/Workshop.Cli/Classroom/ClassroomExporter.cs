using Workshop.Grading.Manifest;

namespace Workshop.Cli.Classroom;

/// <summary>
/// Writes a GitHub Classroom student template repository: the instructor's files without solutions
/// (<see cref="TemplateFiles"/>), a <c>Workshop.sln</c> without the left-out projects, and
/// <c>.github/workflows/classroom.yml</c> (<see cref="ClassroomWorkflow"/>). The site built from the template has
/// no "Solution code" sections: they are made from <c>solution/</c>, which is not there.
/// </summary>
public static class ClassroomExporter
{
    /// <summary>The workflow's path inside the template.</summary>
    public const string WorkflowPath = ".github/workflows/classroom.yml";

    /// <summary>Exports <paramref name="root"/> into <paramref name="target"/> (which must not exist or be empty); returns the files written.</summary>
    public static int Export(string root, LabManifest manifest, string target, PinnedSource source)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"{target} is not empty: export into a new folder");
        }
        var count = 0;
        foreach (var path in TemplateFiles.List(root))
        {
            var destination = Path.Combine(target, path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (path == "Workshop.sln")
            {
                File.WriteAllText(destination, SolutionFileEditor.WithoutLeftOutProjects(File.ReadAllText(Path.Combine(root, path))));
            }
            else
            {
                File.Copy(Path.Combine(root, path), destination);
                if (path is "workshop" || path.EndsWith(".sh", StringComparison.Ordinal)) KeepExecutable(Path.Combine(root, path), destination);
            }
            count++;
        }
        var workflow = Path.Combine(target, WorkflowPath);
        Directory.CreateDirectory(Path.GetDirectoryName(workflow)!);
        File.WriteAllText(workflow, ClassroomWorkflow.Render(manifest, source));
        return count + 1;
    }

    private static void KeepExecutable(string source, string destination)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
    }
}
