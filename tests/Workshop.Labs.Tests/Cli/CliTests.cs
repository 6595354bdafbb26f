using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>The workshop CLI's answers and exit codes.</summary>
public sealed class CliTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task List_shows_every_lab_with_its_progress()
    {
        var (exit, output) = await CliRun.RunAsync(Quick, "list");

        Assert.Equal(0, exit);
        Assert.Contains("WebSocket: welcome and echo", output, StringComparison.Ordinal);
        Assert.Contains("WebSocket: a chat room", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_an_unknown_lab_exits_with_2_and_names_the_known_labs()
    {
        var (exit, output) = await CliRun.RunAsync(Quick, "check", "99");

        Assert.Equal(2, exit);
        Assert.Contains("there is no lab '99'", output, StringComparison.Ordinal);
        // In the order of the course (labs.json), as `workshop list` shows them.
        Assert.Contains("01, 02, 03, 09, 04, 05, 10, 06, 07, 08", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_path_that_does_not_exist_exits_with_2()
    {
        var (exit, output) = await CliRun.RunAsync(Quick, "check", "01", "--path", "/no/such/folder");

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_asks_first_and_with_yes_restores_the_committed_start()
    {
        using var repo = new TempRepoCopy(gitInit: true);
        var file = Path.Combine(repo.Root, "labs", "01-websocket-welcome-echo", "start", "Program.cs");
        var original = await File.ReadAllTextAsync(file);
        await File.AppendAllTextAsync(file, "// a learner's edit\n");

        var (refused, refusal) = await CliRun.RunInAsync(repo.Root, Quick, "reset", "01");
        Assert.Equal(2, refused);
        Assert.Contains("--yes", refusal, StringComparison.Ordinal);
        Assert.EndsWith("// a learner's edit\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);

        var (exit, output) = await CliRun.RunInAsync(repo.Root, Quick, "reset", "01", "--yes");
        Assert.True(exit == 0, output);
        Assert.Equal(original, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Grade_of_a_folder_that_does_not_exist_exits_with_2()
    {
        var (exit, output) = await CliRun.RunAsync(Quick, "grade", "/no/such/submissions", "--out", Path.GetTempPath());

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_solution_passes_with_exit_code_0()
    {
        var (exit, output) = await CliRun.RunAsync(TimeSpan.FromMinutes(4), "check", "01", "--solution");

        Assert.True(exit == 0, output);
        Assert.Contains("Score 10/10", output, StringComparison.Ordinal);
    }
}
