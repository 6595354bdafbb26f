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

    /// <summary>Where the note on the withheld worked answers goes.</summary>
    public const string AnswersNotePath = "notebooks/answers/README.md";

    private const string AnswersNote = """
        # Worked answers

        In this class the notebooks' "Your turn" exercises are graded, so their worked answers are not in your
        repository. When a check cell says `[wrong]`, read its hints again, compare with the cells above the exercise,
        and ask your instructor; the worked answers come with the instructor's copy of the workshop.
        """;

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
        // The check cells point a learner who is stuck to notebooks/answers/ID.cs: in a graded class, that path says why there is none.
        var answers = Path.Combine(target, AnswersNotePath);
        Directory.CreateDirectory(Path.GetDirectoryName(answers)!);
        File.WriteAllText(answers, AnswersNote);
        count++;
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
