using System.Text;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;
using Workshop.Testing;
using Xunit.Abstractions;

namespace Workshop.Redis.Tests;

/// <summary>
/// Lab 09's own checks (the ones the in-memory playground passes as the reference: join, moves, rejoin, leave) run
/// through a round-robin nginx in front of two playground processes on Redis: consecutive connections of a check land
/// on alternate instances, so every rule is exercised across instances.
/// </summary>
public sealed class LabChecksThroughTheBalancerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Tasks = ["join", "moves", "rejoin", "leave"];
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-lab09-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task Two_instances_behind_nginx_pass_lab_09s_checks_of_the_game_protocol()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        await using var nginx = await NginxBalancer.StartAsync(a.BaseAddress, b.BaseAddress);
        var lab = LabManifest.Load(Path.Combine(RepoPaths.Root, "labs", "labs.json")).Find("09")!;
        var checks = CheckCatalog.For("09").Where(c => Tasks.Contains(c.Task)).ToList();
        Assert.NotEmpty(checks);
        await using var browser = new BrowserSession(); // none of these checks opens a page
        var report = await new LabRunner(browser).RunAgainstAsync(lab, nginx.BaseAddress, checks, "two instances behind nginx");

        var message = new StringBuilder("lab 09's checks through the balancer:");
        foreach (var r in report.Results) message.Append($"\n  {(r.Passed ? "✓" : "✗")} {r.Task}: {r.Check}{(r.Passed ? "" : $"\n    expected: {r.Expected}\n    observed: {r.Observed}")}");
        output.WriteLine(message.ToString());
        Assert.Null(report.Error);
        Assert.Equal(checks.Count, report.Results.Count);
        Assert.True(report.Results.All(r => r.Passed), message.ToString());
        Assert.Equal(2, (await nginx.UpstreamsOfAsync("GET", "/ws/game")).Distinct().Count());
    }

    // Lab 09's bounds and grace (as the reference runs with); every check connects from one address.
    private async Task<ChildProcessHost> StartAsync() => await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), new Dictionary<string, string?>
    {
        ["Redis__Configuration"] = _redis.Address,
        ["Redis__KeyPrefix"] = _prefix,
        ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
        ["Multiplayer__MaxGames"] = "32",
        ["Multiplayer__ReconnectGrace"] = "00:00:03",
        ["Multiplayer__MaxGamesPerClient"] = "1000",
        ["Security__RateLimits__GameUpgrades__PermitLimit"] = "100000",
    });

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the OS cleans the temp folder later.
        }
    }
}
