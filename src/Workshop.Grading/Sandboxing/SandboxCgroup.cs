using System.Globalization;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// A control group that bounds the memory and the number of processes of everything one grading worker's sandboxes
/// run, together. The per-process limits (<c>prlimit</c>, the GC heap limit) cannot do that: a submission that starts
/// ten processes of 1 GB each stays under every one of them. A sandboxed command joins the group before it starts
/// (<see cref="Sandbox"/> runs it through <c>sh -c 'echo $$ &gt; …/cgroup.procs; exec …'</c>), so its whole
/// process tree is counted, <c>setsid</c> or not; over the memory limit the kernel's OOM killer ends the largest.
/// Needs a writable cgroup hierarchy (root on Linux: cgroup v2, or v1's memory and pids controllers).
/// </summary>
public sealed partial class SandboxCgroup
{
    private const string Root = "/sys/fs/cgroup";
    private const string Prefix = "workshop-grade-";

    private readonly IReadOnlyList<string> _folders;

    private SandboxCgroup(IReadOnlyList<string> folders) => _folders = folders;

    /// <summary>The group's folders (one per v1 controller, one in v2).</summary>
    internal IReadOnlyList<string> Folders => _folders;

    /// <summary>The <c>cgroup.procs</c> files a process writes its pid to, to join the group (one per v1 controller).</summary>
    public IReadOnlyList<string> ProcsFiles => [.. _folders.Select(f => Path.Combine(f, "cgroup.procs"))];

    /// <summary>
    /// Creates a group named after this grader and <paramref name="owner"/> with the given limits; null with the reason
    /// when this machine has no cgroup hierarchy the grader may write (not root, or a read-only <c>/sys/fs/cgroup</c>).
    /// </summary>
    public static (SandboxCgroup? Group, string? Reason) TryCreate(string owner, long memoryBytes, int processes) =>
        OperatingSystem.IsLinux() ? TryCreate(owner, memoryBytes, processes, Root, "/proc/self/cgroup") : (null, "control groups are Linux only");

    /// <summary>As <see cref="TryCreate(string, long, int)"/>, in the hierarchy at <paramref name="root"/> (tests use a plain folder).</summary>
    internal static (SandboxCgroup? Group, string? Reason) TryCreate(string owner, long memoryBytes, int processes, string root, string selfCgroup)
    {
        var name = $"{Prefix}{Environment.ProcessId}-{owner}";
        try
        {
            if (File.Exists(Path.Combine(root, "cgroup.controllers")))
            {
                // cgroup v2: a parent of our own (a cgroup with processes in it may not enable controllers for its
                // children), with memory and pids handed down to the worker's group. Under the grader's own group when
                // it may write there (a systemd service or user session with delegation), so the limits set on the
                // grader still hold; otherwise under the root.
                var parent = SandboxCgroupParent.Choose(root, selfCgroup);
                var group = Path.Combine(parent, name);
                Directory.CreateDirectory(group);
                File.WriteAllText(Path.Combine(group, "memory.max"), Text(memoryBytes));
                // Without swap accounting there is no such file; the memory limit still holds.
                if (File.Exists(Path.Combine(group, "memory.swap.max"))) File.WriteAllText(Path.Combine(group, "memory.swap.max"), "0");
                File.WriteAllText(Path.Combine(group, "pids.max"), Text(processes));
                return (Remember(new SandboxCgroup([group])), null);
            }
            // cgroup v1: under the grader's own group of each controller, so a limit set on the grader still holds.
            var memory = Path.Combine(root, "memory" + OwnPath("memory", selfCgroup), name);
            var pids = Path.Combine(root, "pids" + OwnPath("pids", selfCgroup), name);
            Directory.CreateDirectory(memory);
            Directory.CreateDirectory(pids);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), Text(memoryBytes));
            // With swap, a group over its memory would swap instead of being stopped: memory and swap together, when counted.
            if (File.Exists(Path.Combine(memory, "memory.memsw.limit_in_bytes"))) File.WriteAllText(Path.Combine(memory, "memory.memsw.limit_in_bytes"), Text(memoryBytes));
            File.WriteAllText(Path.Combine(pids, "pids.max"), Text(processes));
            return (Remember(new SandboxCgroup([memory, pids])), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"no writable control group ({e.Message})");
        }
    }

    /// <summary>Removes the group's folders; a folder that still holds a process stays (the kernel refuses).</summary>
    public void Remove()
    {
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still in use, or already gone: the next grader's RemoveStale takes it.
            }
        }
    }

    /// <summary>Removes the groups of graders that are no longer running (killed before they could clean up).</summary>
    public static void RemoveStale()
    {
        if (!OperatingSystem.IsLinux()) return;
        string[] parents = File.Exists(Path.Combine(Root, "cgroup.controllers"))
            ? [Path.Combine(Root, "workshop-grade"), .. SandboxCgroupParent.Delegated(Root, "/proc/self/cgroup") is { } own ? [Path.Combine(own, "workshop-grade")] : Array.Empty<string>()]
            : [Path.Combine(Root, "memory" + OwnPath("memory", "/proc/self/cgroup")), Path.Combine(Root, "pids" + OwnPath("pids", "/proc/self/cgroup"))];
        foreach (var parent in parents.Where(Directory.Exists))
        {
            foreach (var folder in Directory.GetDirectories(parent, Prefix + "*"))
            {
                if (GraderPid().Match(Path.GetFileName(folder)) is not { Success: true } m) continue;
                if (Directory.Exists("/proc/" + m.Groups[1].Value)) continue;
                new SandboxCgroup([folder]).Remove();
            }
        }
    }

    private static SandboxCgroup Remember(SandboxCgroup group)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => group.Remove();
        return group;
    }

    // "4:memory:/process_api/abc" → "/process_api/abc"; the root group is "/" → "".
    private static string OwnPath(string controller, string selfCgroup)
    {
        var line = File.ReadLines(selfCgroup).Select(l => l.Split(':', 3))
            .FirstOrDefault(p => p.Length == 3 && p[1].Split(',').Contains(controller));
        return line is null ? "" : line[2].TrimEnd('/');
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^workshop-grade-(\d+)-")]
    private static partial Regex GraderPid();
}
