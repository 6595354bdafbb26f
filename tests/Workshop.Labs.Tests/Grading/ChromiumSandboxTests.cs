using System.Globalization;
using Workshop.Grading.Probes;
using Workshop.Grading.Sandboxing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// A learner's page runs in the grader's Chromium: while grading, the renderer that runs it must be sandboxed by
/// Chromium itself (seccomp filter on) and must not be root, even when the grader is. Looked at from outside, in
/// <c>/proc</c>, while a page is open. Needs the grading sandbox (bubblewrap, user namespaces): never skipped.
/// </summary>
public sealed class ChromiumSandboxTests
{
    [Fact]
    public async Task A_graded_page_runs_in_a_seccomp_filtered_renderer_that_is_not_root()
    {
        var (sandbox, reason) = await Sandbox.DetectAsync();
        Assert.True(sandbox is not null, $"no sandbox on this machine: {reason} (scripts/ensure-bubblewrap.sh installs it)");
        await using var browser = new BrowserSession(sandbox);
        await using var context = await browser.NewContextAsync(new Uri("http://127.0.0.1:9/"));
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<p id=p>graded</p><script>document.getElementById('p').textContent = 'ran ' + (6 * 7)</script>");
        Assert.Equal("ran 42", await page.TextContentAsync("#p"));

        // As root, the browser was started through the launcher, which names its pid; otherwise every browser this test
        // process started is this one (the assembly runs one test at a time).
        if (Environment.IsPrivilegedProcess) Assert.NotNull(browser.BrowserProcessId);
        var renderers = Descendants(browser.BrowserProcessId ?? Environment.ProcessId)
            .Where(pid => Read($"/proc/{pid}/cmdline").Contains("--type=renderer", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(renderers);
        foreach (var pid in renderers)
        {
            var status = Read($"/proc/{pid}/status").Split('\n');
            var uid = status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var seccomp = status.Single(l => l.StartsWith("Seccomp:", StringComparison.Ordinal));
            Assert.True(seccomp.EndsWith('2'), $"renderer {pid} runs without a seccomp filter ({seccomp})");
            Assert.True(uid.Split('\t', StringSplitOptions.RemoveEmptyEntries).Skip(1).All(u => u != "0"), $"renderer {pid} runs as root ({uid})");
        }
    }

    [Fact]
    public async Task A_grading_browser_never_falls_back_to_running_without_its_sandbox()
    {
        var (sandbox, reason) = await Sandbox.DetectAsync();
        Assert.True(sandbox is not null, $"no sandbox on this machine: {reason}");
        var previous = Environment.GetEnvironmentVariable("WORKSHOP_CHROMIUM");
        // A "browser" that cannot start: the session must say why and name --trust-submissions, not relaunch unsandboxed.
        Environment.SetEnvironmentVariable("WORKSHOP_CHROMIUM", "/bin/false");
        try
        {
            await using var browser = new BrowserSession(sandbox);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => browser.NewContextAsync(new Uri("http://127.0.0.1:9/")));
            Assert.Contains("--trust-submissions", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WORKSHOP_CHROMIUM", previous);
        }
    }

    [Fact]
    public async Task Grade_whose_browser_cannot_start_refuses_before_grading_anyone_and_says_why()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workshop-nobrowser-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "submissions", "fay"));
            var output = Path.Combine(root, "out");
            var (exit, log) = await Workshop.Labs.Tests.Cli.CliRun.RunWithAsync(Workshop.Testing.RepoPaths.Root,
                new Dictionary<string, string> { ["WORKSHOP_CHROMIUM"] = "/bin/false" }, TimeSpan.FromMinutes(3),
                "grade", Path.Combine(root, "submissions"), "--out", output, "--labs", "01", "--no-notebooks");

            Assert.Equal(2, exit);
            Assert.Contains("browser does not start, so nobody was graded", log, StringComparison.Ordinal);
            Assert.Contains("--trust-submissions", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "gradebook.csv")), "a gradebook was written although nobody could be graded");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var stat = Read(Path.Combine(dir, "stat"));
            // "pid (name) state ppid …": the name may hold spaces and parentheses, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var parent)) parents[pid] = parent;
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var pid))
        {
            foreach (var child in parents.Where(p => p.Value == pid).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // the process ended meanwhile
        }
    }
}
