using System.Text.Json;
using System.Text.RegularExpressions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// The dev container is valid and runs commands that exist. (GitHub Classroom's workflow is written by
/// <c>workshop classroom export</c> into the student template: see <c>Cli/ClassroomExportTests</c>.)
/// </summary>
public sealed partial class ClassroomFilesTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

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

    [GeneratedRegex(@"scripts/[\w.-]+\.sh")]
    private static partial Regex ScriptPath();
}
