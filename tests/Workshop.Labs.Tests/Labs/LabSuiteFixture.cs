using System.Collections.Concurrent;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Labs;

/// <summary>
/// Builds each (lab, target) once per test run, runs all its checks once, and hands the cached report to every
/// test that asks: one build and one process per lab and target, one browser for the whole run.
/// </summary>
public sealed class LabSuiteFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<(string Lab, LabTarget Target), Lazy<Task<LabReport>>> _reports = new();
    private readonly string _buildRoot = Path.Combine(Path.GetTempPath(), "workshop-labs-tests", Guid.NewGuid().ToString("N"));

    public LabManifest Manifest { get; } = LabManifest.Load(Path.Combine(RepoPaths.Root, "labs", "labs.json"));

    public BrowserSession Browser { get; } = new();

    /// <summary>The repository copy whose start/ folders stand in for the solutions (a student's), or null.</summary>
    public static string? StudentCopy => Environment.GetEnvironmentVariable("WORKSHOP_LABS_TARGET") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task<LabReport> ReportAsync(string labId, LabTarget target) =>
        _reports.GetOrAdd((labId, target), key => new Lazy<Task<LabReport>>(() => RunAsync(key.Lab, key.Target))).Value;

    private async Task<LabReport> RunAsync(string labId, LabTarget target)
    {
        var lab = Manifest.Find(labId) ?? throw new InvalidOperationException($"lab {labId} is not in labs.json");
        var project = target switch
        {
            LabTarget.Solution when StudentCopy is { } copy => Path.Combine(copy, "labs", lab.Folder, "start"),
            LabTarget.Solution => Manifest.VariantDirectory(lab, "solution"),
            _ => Manifest.VariantDirectory(lab, "start"),
        };
        var runner = new LabRunner(Browser);
        return await runner.BuildAndRunAsync(lab, project, Path.Combine(_buildRoot, $"{lab.Id}-{target}"), CheckCatalog.For(lab.Id));
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        try
        {
            Directory.Delete(_buildRoot, recursive: true);
        }
        catch (IOException)
        {
            // A build output still locked by a dying process: the temp folder is cleaned by the OS eventually.
        }
    }
}
