using Workshop.Grading.Running;
using Workshop.Grading.Sandboxing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// A submission's processes share one memory budget: the per-process limits alone let it start as many big processes
/// as it likes. These attacks run native programs (dd), which no .NET heap limit covers.
/// </summary>
public sealed class SandboxLimitTests
{
    private const long Budget = 256L * 1024 * 1024;

    private static async Task<Sandbox> SandboxAsync()
    {
        var (sandbox, reason) = await Sandbox.DetectAsync(new SandboxLimits { TotalMemoryBytes = Budget, TotalProcesses = 64 });
        Assert.True(sandbox is not null, $"no sandbox on this machine: {reason} (scripts/ensure-bubblewrap.sh installs it)");
        return sandbox;
    }

    private static async Task<(int Exit, string Output)> RunAsync(Sandbox sandbox, string script)
    {
        var info = sandbox.StartInfo("sh", ["-c", script], "/", new SandboxMounts(), new Dictionary<string, string>());
        var (exit, output, timedOut) = await ProcessRunner.RunAsync(info, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(timedOut, output);
        return (exit, output);
    }

    [Fact]
    public async Task A_root_grader_bounds_each_worker_with_a_control_group_and_says_why_when_it_cannot()
    {
        var sandbox = await SandboxAsync();

        if (sandbox.DropsRoot) Assert.Null(sandbox.CgroupProblem);
        else Assert.False(string.IsNullOrWhiteSpace(sandbox.CgroupProblem), "an unprivileged grader has no cgroup of its own: grade must say so");
    }

    [Fact]
    public async Task One_process_over_the_workers_memory_is_killed_though_it_is_under_every_per_process_limit()
    {
        var sandbox = await SandboxAsync();
        if (sandbox.CgroupProblem is not null) return; // asserted by the test above: only an unprivileged grader gets here

        var (small, smallOutput) = await RunAsync(sandbox, "dd if=/dev/zero of=/dev/null bs=64M count=1");
        var (big, bigOutput) = await RunAsync(sandbox, "dd if=/dev/zero of=/dev/null bs=400M count=1; echo \"dd=$?\"");

        Assert.True(small == 0, smallOutput);
        Assert.Contains("dd=137", bigOutput, StringComparison.Ordinal); // SIGKILL from the OOM killer
    }

    [Fact]
    public async Task Two_processes_each_under_the_budget_cannot_hold_more_than_it_together()
    {
        var sandbox = await SandboxAsync();
        if (sandbox.CgroupProblem is not null) return;

        // The first dd holds 150 MB until the second has read all of it into a buffer of its own: 300 MB at the end.
        var (_, output) = await RunAsync(sandbox,
            "(dd if=/dev/zero bs=150M count=1 2>/dev/null || echo first=$? >&2) | dd of=/dev/null bs=150M count=1 iflag=fullblock; echo second=$?");

        Assert.True(output.Contains("first=137", StringComparison.Ordinal) || output.Contains("second=137", StringComparison.Ordinal),
            $"300 MB were held under a 256 MB budget:\n{output}");
    }
}
