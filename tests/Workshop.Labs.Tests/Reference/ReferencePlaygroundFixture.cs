using System.Collections.Concurrent;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Reference;

/// <summary>
/// Starts the built playground once (a child process on a free port, Development, a temp data folder) and runs
/// each lab's covered checks against it once, through <see cref="LabRunner.RunAgainstAsync"/> with the lab's path map.
/// </summary>
public sealed class ReferencePlaygroundFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<LabReport>>> _reports = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "workshop-reference-tests", Guid.NewGuid().ToString("N"));
    private ChildProcessHost? _playground;

    public LabManifest Manifest { get; } = RepoPaths.Manifest;

    public BrowserSession Browser { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var environment = new Dictionary<string, string?>(ReferencePlaygroundSettings.Environment) { ["Workshop__DataDirectory"] = _dataDirectory };
        var assembly = RepoPaths.BuiltAssembly("Workshop.Playground");
        _playground = await ChildProcessHost.StartAsync(assembly, environment, workingDirectory: Path.GetDirectoryName(assembly));
    }

    /// <summary>The report of the covered checks of one lab against the playground (run once, then cached).</summary>
    public Task<LabReport> ReportAsync(string labId) =>
        _reports.GetOrAdd(labId, id => new Lazy<Task<LabReport>>(() => RunAsync(id))).Value;

    private async Task<LabReport> RunAsync(string labId)
    {
        var lab = Manifest.Find(labId) ?? throw new InvalidOperationException($"lab {labId} is not in labs.json");
        var covered = CoveredChecks(lab);
        var checks = CheckCatalog.For(labId).Where(c => covered.Contains((c.Task, c.Name))).ToList();
        var missing = covered.Where(tn => !checks.Any(c => c.Task == tn.Task && c.Name == tn.Check)).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"lab {labId}: labs.json's reference names checks the catalog does not have: {string.Join(", ", missing)}");
        var map = lab.Reference?.Paths is { Count: > 0 } paths ? paths : null;
        return await new LabRunner(Browser).RunAgainstAsync(lab, _playground!.BaseAddress, checks, "reference playground", pathMap: map);
    }

    /// <summary>The (task, check) pairs of a lab that labs.json says the playground passes.</summary>
    public static HashSet<(string Task, string Check)> CoveredChecks(LabInfo lab) =>
        [.. lab.Tasks.SelectMany(t => (t.Reference?.Checks ?? []).Select(check => (t.Id, check)))];

    public async Task DisposeAsync()
    {
        if (_playground is not null) await _playground.DisposeAsync();
        await Browser.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite files of a process that is still dying: the OS cleans the temp folder eventually.
        }
    }
}
