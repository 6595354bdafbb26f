using System.Globalization;
using Workshop.Grading.Sandboxing;
using Workshop.Labs.Tests.Cli;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>
/// Where a grader's control groups live: under its own group (a systemd service or session with delegation) when it
/// may write there, else at the root of a cgroup v2 hierarchy; under its own group of each controller in v1. The
/// placement is checked on a folder laid out like a v2 hierarchy, and for real on this machine, while a grade runs.
/// </summary>
public sealed class SandboxCgroupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-cgroup-").FullName;

    private string FakeHierarchy(string ownPath, bool delegated)
    {
        var root = Directory.CreateDirectory(Path.Combine(_root, "cgroup")).FullName;
        File.WriteAllText(Path.Combine(root, "cgroup.controllers"), "cpuset cpu io memory pids\n");
        var own = Directory.CreateDirectory(Path.Combine(root, ownPath)).FullName;
        File.WriteAllText(Path.Combine(own, "cgroup.controllers"), delegated ? "cpu memory pids\n" : "cpu\n");
        File.WriteAllText(Path.Combine(own, "cgroup.subtree_control"), "");
        var self = Path.Combine(_root, "self-cgroup");
        File.WriteAllText(self, $"0::/{ownPath}\n");
        return self;
    }

    [Fact]
    public void A_v2_grader_with_memory_and_pids_delegated_to_its_own_group_creates_the_workers_groups_under_it()
    {
        var self = FakeHierarchy("system.slice/workshop-grade.service", delegated: true);
        var root = Path.Combine(_root, "cgroup");

        var (group, reason) = SandboxCgroup.TryCreate("42", 1 << 30, 100, root, self);

        Assert.True(group is not null, reason);
        var parent = Path.Combine(root, "system.slice", "workshop-grade.service", "workshop-grade");
        Assert.Equal([Path.Combine(parent, $"workshop-grade-{Environment.ProcessId}-42")], group.Folders);
        Assert.Equal("+memory +pids", File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control")));
        Assert.Equal((1L << 30).ToString(CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(group.Folders[0], "memory.max")));
        Assert.False(Directory.Exists(Path.Combine(root, "workshop-grade")), "nothing is created at the root when the own group will do");
    }

    [Fact]
    public void Every_worker_of_a_v2_grader_that_moved_itself_into_its_leaf_gets_the_same_parent()
    {
        var self = FakeHierarchy("system.slice/workshop-grade.service", delegated: true);
        var root = Path.Combine(_root, "cgroup");
        var (first, reason) = SandboxCgroup.TryCreate("42", 1 << 30, 100, root, self);
        Assert.True(first is not null, reason);

        // The first worker's grader moved itself into its leaf (a group with processes cannot hand controllers down).
        Directory.CreateDirectory(Path.Combine(root, "system.slice", "workshop-grade.service", "workshop-grader"));
        File.WriteAllText(self, "0::/system.slice/workshop-grade.service/workshop-grader\n");
        var (second, why) = SandboxCgroup.TryCreate("43", 1 << 30, 100, root, self);

        Assert.True(second is not null, why);
        Assert.Equal(Path.GetDirectoryName(first.Folders[0]), Path.GetDirectoryName(second.Folders[0]));
        Assert.False(Directory.Exists(Path.Combine(root, "workshop-grade")), "the second worker fell back to the root");
    }

    [Fact]
    public void A_v2_grader_whose_own_group_lacks_the_controllers_falls_back_to_the_root()
    {
        var self = FakeHierarchy("user.slice/user-1000.slice/session-1.scope", delegated: false);
        var root = Path.Combine(_root, "cgroup");

        var (group, reason) = SandboxCgroup.TryCreate("7", 1 << 30, 100, root, self);

        Assert.True(group is not null, reason);
        Assert.Equal([Path.Combine(root, "workshop-grade", $"workshop-grade-{Environment.ProcessId}-7")], group.Folders);
        Assert.False(Directory.Exists(Path.Combine(root, "user.slice", "user-1000.slice", "session-1.scope", "workshop-grade")));
    }

    [Fact]
    public async Task A_grade_on_this_machine_keeps_its_groups_under_its_own_and_removes_them_when_it_is_done()
    {
        var (sandbox, reason) = await Sandbox.DetectAsync();
        Assert.True(sandbox is not null, $"no sandbox on this machine: {reason}");
        if (!sandbox.DropsRoot)
        {
            Assert.NotNull(sandbox.CgroupProblem); // an unprivileged grader has no group to place: grade says so
            return;
        }
        var expected = ExpectedParents();
        var submissions = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "workshop-cgroup-grade-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(submissions, "frank")); // nothing submitted: graded fast, still sandboxed
            var seen = new HashSet<string>();
            var grading = CliRun.RunAsync(TimeSpan.FromMinutes(5), "grade", submissions, "--out", Path.Combine(submissions, "..", Path.GetFileName(submissions) + "-out"),
                "--labs", "01", "--jobs", "1");
            await Eventually.HoldsAsync(() =>
            {
                seen.UnionWith(expected.SelectMany(GroupsOfMyChildren));
                return seen.Count == expected.Count || grading.IsCompleted;
            }, "the grader created its groups where expected", TimeSpan.FromMinutes(2));
            var (exit, log) = await grading;

            Assert.True(exit == 0, log);
            Assert.True(seen.Count == expected.Count, $"groups seen: {string.Join(", ", seen)}; expected one under each of {string.Join(", ", expected)}");
            Assert.All(seen, group => Assert.False(Directory.Exists(group), $"{group} is still there after grading"));
        }
        finally
        {
            foreach (var folder in new[] { submissions, submissions + "-out" }.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        }
    }

    // The grader is the CLI, a child of this test process; it runs in the same groups as this process.
    private static List<string> ExpectedParents()
    {
        var lines = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).ToList();
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            // Under its own group when memory and pids are delegated to it there; otherwise at the root.
            var own = Path.Combine("/sys/fs/cgroup", lines.Single(l => l[0] == "0")[2].Trim('/'));
            var controllers = Path.Combine(own, "cgroup.controllers");
            var delegated = own != "/sys/fs/cgroup" && File.Exists(controllers) && File.ReadAllText(controllers).Split().Contains("memory") && File.ReadAllText(controllers).Split().Contains("pids");
            return [Path.Combine(delegated ? own : "/sys/fs/cgroup", "workshop-grade")];
        }
        return [.. new[] { "memory", "pids" }.Select(c => "/sys/fs/cgroup/" + c + lines.Single(l => l[1].Split(',').Contains(c))[2].TrimEnd('/'))];
    }

    private static IEnumerable<string> GroupsOfMyChildren(string parent)
    {
        if (!Directory.Exists(parent)) yield break;
        foreach (var folder in Directory.GetDirectories(parent, "workshop-grade-*"))
        {
            var pid = Path.GetFileName(folder).Split('-')[2];
            var stat = File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "";
            var fields = stat.Length == 0 ? [] : stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 1 && fields[1] == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) yield return folder;
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
