using System.Text.Json;
using System.Text.RegularExpressions;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>The GitHub Classroom, workflow and dev container files are valid and run commands that exist.</summary>
public sealed partial class ClassroomFilesTests
{
    private static readonly LabManifest Manifest = LabManifest.Load(Path.Combine(RepoPaths.Root, "labs", "labs.json"));
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void Autograding_has_one_test_per_lab_running_workshop_check_with_the_labs_points()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "classroom", "autograding.json")));
        var tests = doc.RootElement.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal(Manifest.Labs.Count, tests.Count);
        foreach (var test in tests)
        {
            var run = test.GetProperty("run").GetString()!;
            var match = CheckCommand().Match(run);
            Assert.True(match.Success, $"'{run}' is not ./workshop check NN");
            var lab = Manifest.Find(match.Groups["lab"].Value);
            Assert.NotNull(lab);
            Assert.Equal(lab.MaxPoints, test.GetProperty("points").GetInt32());
            Assert.InRange(test.GetProperty("timeout").GetInt32(), 1, 60);
        }
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "workshop")), "the ./workshop wrapper is missing");
    }

    [Fact]
    public void The_workflow_runs_the_autograder_after_the_scripts_it_names()
    {
        var workflow = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "classroom.yml"));
        Assert.Contains("education/autograding", workflow, StringComparison.Ordinal);
        foreach (Match script in ScriptPath().Matches(workflow))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, script.Value)), $"the workflow runs {script.Value}, which does not exist");
        }
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.Root, "src", "Workshop.Cli")));
    }

    [Fact]
    public void The_dev_container_parses_and_its_setup_command_names_existing_files()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, ".devcontainer", "devcontainer.json")), Lenient);
        Assert.StartsWith("mcr.microsoft.com/devcontainers/dotnet:", doc.RootElement.GetProperty("image").GetString(), StringComparison.Ordinal);
        var setup = doc.RootElement.GetProperty("postCreateCommand").GetString()!;
        Assert.Contains("./workshop", setup, StringComparison.Ordinal);
        foreach (Match script in ScriptPath().Matches(setup))
        {
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, script.Value)), $"postCreateCommand runs {script.Value}, which does not exist");
        }
    }

    [GeneratedRegex(@"^\./workshop check (?<lab>\d+)$")]
    private static partial Regex CheckCommand();

    [GeneratedRegex(@"scripts/[\w.-]+\.sh")]
    private static partial Regex ScriptPath();
}
