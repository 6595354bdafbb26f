using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>labs.json, the lab folders and the check catalog agree with each other.</summary>
public sealed class ManifestTests
{
    private static readonly LabManifest Manifest = RepoPaths.Manifest;

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
    public void Every_lab_declares_its_editable_files_and_they_cover_what_its_solution_changes()
    {
        foreach (var lab in Manifest.Labs)
        {
            Assert.NotEmpty(lab.Editable);
            var start = Path.Combine(Manifest.LabsDirectory, lab.Folder, "start");
            var solution = Path.Combine(Manifest.LabsDirectory, lab.Folder, "solution");
            foreach (var file in Directory.EnumerateFiles(solution, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
            {
                var relative = Path.GetRelativePath(solution, file).Replace('\\', '/');
                var startFile = Path.Combine(start, relative);
                var changed = !File.Exists(startFile) || File.ReadAllText(startFile) != File.ReadAllText(file);
                if (changed) Assert.True(lab.IsEditable(relative), $"lab {lab.Id}: the solution changes {relative}, which is not editable");
            }
            Assert.False(lab.IsEditable(Path.GetFileName(Directory.GetFiles(start, "*.csproj")[0])), $"lab {lab.Id}: the .csproj must not be editable");
        }
    }

    [Theory]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x" } ] }""", "no \"editable\" list")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["*"] } ] }""", "would take build settings")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["**"] } ] }""", "would take build settings")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["../*.cs"] } ] }""", "must not contain")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["/etc/*.cs"] } ] }""", "must be relative")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["*.{cs,js}"] } ] }""", "may only use")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["**/*.cs"], "tasks": [ { "id": "a", "points": 1, "reference": {} } ] } ] }""", "\"reference\" needs")]
    [InlineData("""{ "labs": [ { "id": "01", "folder": "01-x", "editable": ["**/*.cs"], "tasks": [ { "id": "a", "points": 1, "reference": { "checks": [] } } ] } ] }""", "or \"notCovered\" saying why not")]
    public void The_manifest_refuses_an_unsafe_editable_list_and_a_task_reference_that_says_nothing(string json, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), "labs-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => LabManifest.Load(path));
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.Contains("lab 01", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("**/*.cs", "Program.cs", true)]
    [InlineData("**/*.cs", "Features/Chat.cs", true)]
    [InlineData("**/*.cs", "Lab.csproj", false)]
    [InlineData("wwwroot/**", "wwwroot/js/app.js", true)]
    [InlineData("wwwroot/**", "wwwrootx/app.js", false)]
    [InlineData("*.cs", "Features/Chat.cs", false)]
    public void Editable_patterns_match_paths_relative_to_start(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, EditableGlob.Parse(pattern).IsMatch(path));
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
