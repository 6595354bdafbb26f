using Workshop.Cli.Notebooks;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Notebooks.Tests;

/// <summary>Each notebook's file-based twin is generated from it, current, and runs to a successful exit.</summary>
[Collection(NotebookCollection.Name)]
public sealed class TwinTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "notebooks");

    /// <summary>The workshop's notebooks; a missing one fails here rather than going unnoticed.</summary>
    public static readonly string[] Notebooks =
        ["00-welcome", "01-websockets", "02-server-sent-events", "03-webhooks", "04-choosing-a-protocol"];

    [Fact]
    public void Every_notebook_has_a_twin_generated_from_its_current_cells()
    {
        var stale = new List<string>();
        foreach (var name in Notebooks)
        {
            var notebook = Path.Combine(Folder, name + ".ipynb");
            Assert.True(File.Exists(notebook), $"Missing notebook {notebook}.");
            var expected = NotebookTwinExporter.Export(File.ReadAllText(notebook), name + ".ipynb");
            var twin = NotebookTwinExporter.TwinPathFor(notebook);
            if (!File.Exists(twin) || File.ReadAllText(twin).ReplaceLineEndings("\n") != expected) stale.Add(Path.GetFileName(twin));
        }
        Assert.True(stale.Count == 0,
            $"Stale or missing twins: {string.Join(", ", stale)}. Regenerate: dotnet run --project src/Workshop.Cli -- notebooks export");
    }

    [Fact]
    public async Task Every_twin_builds_and_runs_to_a_successful_exit()
    {
        var configuration = RepoPaths.Configuration;
        var runTotal = TimeSpan.Zero;
        foreach (var name in Notebooks)
        {
            var twin = Path.Combine("notebooks", name + ".cs");
            // Built first and timed apart: building a file-based app costs seconds the 90 s run budget does not count.
            var build = await DotnetCommand.RunAsync(RepoPaths.Root, TimeSpan.FromMinutes(3), "build", twin, "-c", configuration, "-nologo");
            Assert.True(build.ExitCode == 0, $"dotnet build {twin} failed (exit {build.ExitCode}):\n{build.Output}");
            var run = await DotnetCommand.RunAsync(RepoPaths.Root, TimeSpan.FromSeconds(60), "run", "--no-build", "-c", configuration, twin);
            Assert.True(run.ExitCode == 0, $"dotnet run {twin} exited with {run.ExitCode}:\n{run.Output}");
            runTotal += run.Elapsed;
            output.WriteLine($"{twin}: build {build.Elapsed.TotalSeconds:0.0} s, run {run.Elapsed.TotalSeconds:0.0} s");
        }
        output.WriteLine($"All twins ran in {runTotal.TotalSeconds:0.0} s (target 90 s, builds excluded).");
    }
}
