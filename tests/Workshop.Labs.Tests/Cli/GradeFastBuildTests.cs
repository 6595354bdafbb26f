using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>
/// `workshop grade` compiles each copy with the compiler call captured from the instructor's build (the fast path) and
/// `--full-build` runs `dotnet build` per copy: both must give every student the same grade, sandboxed.
/// </summary>
public sealed class GradeFastBuildTests : IDisposable
{
    private const string Lab = "01-websocket-welcome-echo";
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-grade-fast-").FullName;

    [Fact]
    public async Task The_fast_build_and_the_full_build_give_a_solution_a_start_and_a_broken_copy_the_same_grades()
    {
        var submissions = Path.Combine(_root, "submissions");
        TempRepoCopy.Copy(Path.Combine(RepoPaths.Root, "labs", Lab, "solution"), Path.Combine(submissions, "alice", "labs", Lab, "start"));
        TempRepoCopy.Copy(Path.Combine(RepoPaths.Root, "labs", Lab, "start"), Path.Combine(submissions, "bob", "labs", Lab, "start"));
        // dave: solved, then broke it.
        var dave = Path.Combine(submissions, "dave", "labs", Lab, "start");
        TempRepoCopy.Copy(Path.Combine(RepoPaths.Root, "labs", Lab, "solution"), dave);
        await File.AppendAllTextAsync(Path.Combine(dave, "Program.cs"), "\nthis is not C#\n");

        var fast = await GradeAsync(submissions, "fast");
        var full = await GradeAsync(submissions, "full", "--full-build");

        var rows = await File.ReadAllLinesAsync(Path.Combine(fast, "gradebook.csv"));
        Assert.Equal(await File.ReadAllLinesAsync(Path.Combine(full, "gradebook.csv")), rows);
        Assert.Contains("alice,01,page,3,3", rows);
        Assert.Contains("bob,01,welcome,0,2", rows);
        Assert.All(rows.Where(r => r.StartsWith("dave,", StringComparison.Ordinal)), r => Assert.EndsWith(",0," + r.Split(',')[^1], r, StringComparison.Ordinal));
        var daveFeedback = await File.ReadAllTextAsync(Path.Combine(fast, "feedback", "dave.md"));
        Assert.Contains("does not compile", daveFeedback, StringComparison.Ordinal);
        Assert.Contains($"labs/{Lab}/start/Program.cs", daveFeedback, StringComparison.Ordinal);
        Assert.DoesNotContain(_root, daveFeedback, StringComparison.Ordinal);
        // Each run took the path it says: timings.tsv names how every copy was built.
        Assert.All(BuildSteps(fast), step => Assert.Equal("build (roslyn)", step));
        Assert.All(BuildSteps(full), step => Assert.Equal("build (dotnet build)", step));
    }

    [Fact]
    public async Task A_copy_that_uses_the_build_manifests_of_static_assets_falls_back_to_the_full_build()
    {
        var submissions = Path.Combine(_root, "submissions");
        var erin = Path.Combine(submissions, "erin", "labs", Lab, "start");
        TempRepoCopy.Copy(Path.Combine(RepoPaths.Root, "labs", Lab, "solution"), erin);
        var program = await File.ReadAllTextAsync(Path.Combine(erin, "Program.cs"));
        await File.WriteAllTextAsync(Path.Combine(erin, "Program.cs"), program.Replace("app.UseStaticFiles();", "app.UseStaticFiles();\napp.MapStaticAssets();", StringComparison.Ordinal));

        var output = await GradeAsync(submissions, "out");

        Assert.Equal(["build (dotnet build)"], BuildSteps(output));
    }

    private static List<string> BuildSteps(string output) =>
        File.ReadAllLines(Path.Combine(output, "timings.tsv")).Skip(1).Select(l => l.Split('\t')[2]).Where(s => s.StartsWith("build", StringComparison.Ordinal)).ToList();

    private async Task<string> GradeAsync(string submissions, string name, params string[] more)
    {
        var output = Path.Combine(_root, name);
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(10), ["grade", submissions, "--out", output, "--labs", "01", "--jobs", "2", "--timings", .. more]);
        Assert.True(exit == 0, log);
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaner.
        }
    }
}
