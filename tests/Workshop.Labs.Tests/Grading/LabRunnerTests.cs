using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>A broken lab fails its own checks with the reason; it never throws out of the runner.</summary>
public sealed class LabRunnerTests
{
    private static readonly LabManifest Manifest = RepoPaths.Manifest;

    private static async Task<LabReport> RunAsync(string programCs, LabRunnerOptions? options = null)
    {
        using var copy = new BrokenLabCopy(programCs);
        await using var browser = new BrowserSession();
        var lab = Manifest.Find("01")!;
        // Only the non-browser checks: these tests are about the runner, not the page.
        var checks = CheckCatalog.For("01").Where(c => c.Task != "page").ToList();
        return await new LabRunner(browser, options).BuildAndRunAsync(lab, copy.Project, copy.Output, checks);
    }

    [Fact]
    public async Task A_lab_that_does_not_compile_fails_every_check_with_the_compiler_error()
    {
        var report = await RunAsync("var app = WebApplication.Create(args) this is not C#;");

        Assert.NotEmpty(report.Results);
        Assert.All(report.Results, r => Assert.False(r.Passed));
        Assert.Contains("does not compile", report.Error, StringComparison.Ordinal);
        Assert.Contains("error CS", report.Results[0].Observed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_that_never_listens_fails_with_a_start_timeout()
    {
        var report = await RunAsync("new ManualResetEventSlim().Wait(); // a program that never starts listening", new LabRunnerOptions { StartTimeout = TimeSpan.FromSeconds(4) });

        Assert.All(report.Results, r => Assert.False(r.Passed));
        Assert.Contains("did not start within 4 s", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_that_crashes_on_start_fails_with_its_last_output()
    {
        var report = await RunAsync("Console.WriteLine(\"about to fail\"); throw new InvalidOperationException(\"boom at startup\");");

        Assert.All(report.Results, r => Assert.False(r.Passed));
        Assert.Contains("exited before it listened", report.Error, StringComparison.Ordinal);
        Assert.Contains("boom at startup", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lab_whose_handler_hangs_fails_that_check_as_a_timeout_and_the_run_goes_on()
    {
        const string hanging = """
            var app = WebApplication.Create(args);
            app.UseWebSockets();
            app.Map("/ws/echo", async (HttpContext c) => { using var s = await c.WebSockets.AcceptWebSocketAsync(); await Task.Delay(Timeout.Infinite, c.RequestAborted); });
            app.Run();
            """;
        // A short lab limit keeps the test quick: the hung checks end at the limit, the rest are reported as not run.
        var report = await RunAsync(hanging, new LabRunnerOptions { LabTimeout = TimeSpan.FromSeconds(6) });

        var welcome = Assert.Single(report.Results, r => r.Check == "first message is Welcome!");
        Assert.False(welcome.Passed);
        Assert.Contains("timed out", welcome.Observed, StringComparison.Ordinal);
        Assert.Equal(CheckCatalog.For("01").Count(c => c.Task != "page"), report.Results.Count);
        Assert.All(report.Results.Where(r => r.Check != "rejects plain HTTP"), r => Assert.False(r.Passed));
    }
}
