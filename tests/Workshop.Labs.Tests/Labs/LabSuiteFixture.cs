using System.Collections.Concurrent;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;
using Workshop.Labs.Tests.Mutants;
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
    private readonly ConcurrentDictionary<string, Lazy<Task<LabReport>>> _mutantReports = new();
    private readonly string _buildRoot = Path.Combine(Path.GetTempPath(), "workshop-labs-tests", Guid.NewGuid().ToString("N"));

    public LabManifest Manifest { get; } = RepoPaths.Manifest;

    public BrowserSession Browser { get; } = new();

    /// <summary>The repository copy whose start/ folders stand in for the solutions (a student's), or null.</summary>
    public static string? StudentCopy => Environment.GetEnvironmentVariable("WORKSHOP_LABS_TARGET") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task<LabReport> ReportAsync(string labId, LabTarget target) =>
        _reports.GetOrAdd((labId, target), key => new Lazy<Task<LabReport>>(() => RunAsync(key.Lab, key.Target))).Value;

    /// <summary>
    /// The report of a mutant: its lab's solution/ copied to scratch, the patch applied, built and checked once
    /// (one build per mutant, the run's one browser).
    /// </summary>
    public Task<LabReport> MutantReportAsync(Mutant mutant) =>
        _mutantReports.GetOrAdd(mutant.ToString(), _ => new Lazy<Task<LabReport>>(() => RunMutantAsync(mutant))).Value;

    private async Task<LabReport> RunMutantAsync(Mutant mutant)
    {
        var lab = Manifest.Find(mutant.Lab) ?? throw new InvalidOperationException($"lab {mutant.Lab} is not in labs.json");
        var root = Path.Combine(_buildRoot, "mutants");
        Directory.CreateDirectory(root);
        // Beside the labs' own Directory.Build.props / Directory.Packages.props, as the solution/ is (and as the grader does).
        foreach (var props in Directory.GetFiles(Manifest.LabsDirectory, "Directory.*")) File.Copy(props, Path.Combine(root, Path.GetFileName(props)), overwrite: true);
        var source = Path.Combine(root, lab.Id, mutant.Name, "src");
        await MutantCopy.CreateAsync(Manifest.VariantDirectory(lab, "solution"), mutant, source);
        var runner = new LabRunner(Browser);
        var output = Path.Combine(root, lab.Id, mutant.Name, "out");
        if (!PageOnlyBuild.Applies(mutant)) return await runner.BuildAndRunAsync(lab, source, output, CheckCatalog.For(lab.Id));
        // A page-only mutant runs the unpatched solution's build with its own page: that build is of a scratch copy of
        // solution/ (once per lab and run), never of solution/ in place, so a second test process (test.sh runs the
        // mutants beside the other tests) never builds into the same obj/ as this one.
        var (pristine, solutionBuild) = await _pristineSolutions.GetOrAdd(lab.Id, _ => new Lazy<Task<(string, LabBuild)>>(() => BuildPristineAsync(lab, root, runner))).Value;
        return await runner.RunAsync(lab, PageOnlyBuild.From(solutionBuild, pristine, source, output), CheckCatalog.For(lab.Id));
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<(string, LabBuild)>>> _pristineSolutions = new();

    private async Task<(string, LabBuild)> BuildPristineAsync(LabInfo lab, string root, LabRunner runner)
    {
        var copy = Path.Combine(root, lab.Id, "solution-src");
        MutantCopy.CopyClean(Manifest.VariantDirectory(lab, "solution"), copy);
        return (copy, await LabBuilder.BuildAsync(copy, Path.Combine(root, lab.Id, "solution-out"), runner.Options.BuildTimeout));
    }

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
