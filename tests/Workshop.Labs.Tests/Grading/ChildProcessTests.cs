using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Workshop.Grading.Running;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>The one child-process runner: waiting on a line, a bounded tail, an early exit's last words, a kill of the whole tree.</summary>
public sealed partial class ChildProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static ProcessStartInfo Bash(string script)
    {
        var info = new ProcessStartInfo("bash");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        return info;
    }

    [Fact]
    public async Task A_child_that_prints_without_end_costs_only_its_bounded_tail_and_the_awaited_line_is_still_seen()
    {
        await using var child = await ChildProcess.StartAsync(Bash("for i in $(seq 1 20000); do echo \"line $i\"; done; echo ready; exec sleep 300"), "printer", maxOutputChars: 2000);

        await child.WaitForLineAsync(Ready(), Timeout);

        Assert.InRange(child.Output.Length, 1, 2100);
        Assert.Contains("earlier lines cut", child.Output, StringComparison.Ordinal);
        Assert.EndsWith("ready", child.Tail(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_that_exits_before_the_awaited_line_fails_the_wait_with_its_last_words()
    {
        await using var child = await ChildProcess.StartAsync(Bash("echo 'Unhandled exception: no secret configured' >&2; exit 3"), "the app");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForLineAsync(Ready(), Timeout));

        Assert.Contains("the app exited before", error.Message, StringComparison.Ordinal);
        Assert.Contains("no secret configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_child_kills_the_processes_it_started_too()
    {
        var child = await ChildProcess.StartAsync(Bash("sleep 300 & echo \"grandchild $!\"; wait"), "parent");
        var match = await child.WaitForLineAsync(Grandchild(), Timeout);
        var grandchild = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
        Assert.True(Directory.Exists($"/proc/{grandchild}"), "the grandchild should be running before the dispose");

        await child.DisposeAsync();

        await Eventually.HoldsAsync(() => !Directory.Exists($"/proc/{grandchild}") || IsZombie(grandchild), $"the grandchild {grandchild} is gone");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true; // gone between the two looks
        }
    }

    [GeneratedRegex("^ready$")]
    private static partial Regex Ready();

    [GeneratedRegex(@"^grandchild (?<pid>\d+)$")]
    private static partial Regex Grandchild();
}
