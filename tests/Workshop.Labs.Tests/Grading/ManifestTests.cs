using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>labs.json, the lab folders and the check catalog agree with each other.</summary>
public sealed class ManifestTests
{
    private static readonly LabManifest Manifest = LabManifest.Load(Path.Combine(RepoPaths.Root, "labs", "labs.json"));

    [Fact]
    public void Every_lab_has_a_readme_a_start_with_TODOs_and_a_solution()
    {
        Assert.NotEmpty(Manifest.Labs);
        foreach (var lab in Manifest.Labs)
        {
            var folder = Path.Combine(Manifest.LabsDirectory, lab.Folder);
            Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"{lab.Folder}/README.md is missing");
            Assert.Single(Directory.GetFiles(Path.Combine(folder, "start"), "*.csproj"));
            Assert.Single(Directory.GetFiles(Path.Combine(folder, "solution"), "*.csproj"));
            var startText = string.Concat(Directory.EnumerateFiles(Path.Combine(folder, "start"), "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)).Select(File.ReadAllText));
            Assert.Contains("TODO", startText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_task_has_checks_and_every_check_names_a_task_of_its_lab()
    {
        foreach (var lab in Manifest.Labs)
        {
            var checks = CheckCatalog.For(lab.Id);
            Assert.True(checks.Count > 0, $"lab {lab.Id} has no checks");
            foreach (var task in lab.Tasks) Assert.True(checks.Any(c => c.Task == task.Id), $"lab {lab.Id} task {task.Id} has no check");
            foreach (var check in checks) Assert.True(lab.FindTask(check.Task) is not null, $"check '{check.Name}' names unknown task {check.Task}");
            Assert.All(lab.Tasks, t => Assert.True(t.Points > 0));
        }
    }

    [Fact]
    public void Labs_are_found_by_number_by_padded_id_and_by_folder()
    {
        Assert.Equal("01", Manifest.Find("1")?.Id);
        Assert.Equal("01", Manifest.Find("01")?.Id);
        Assert.Equal("02", Manifest.Find("labs/02-websocket-chat/")?.Id);
        Assert.Null(Manifest.Find("99"));
    }
}
