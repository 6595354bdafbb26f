using System.Diagnostics;
using System.Globalization;
using Workshop.Grading.Running;

namespace Workshop.Grading.Sandboxing;

/// <summary>
/// Runs a submission's commands (its build, its app) under bubblewrap on Linux: as an unprivileged user (<c>nobody</c>
/// inside; a grader running as root first drops to an unused uid of its own with <c>setpriv</c>), with a clean environment, every namespace
/// unshared (so no network but the sandbox's own loopback, and its own pid namespace), a read-only system, the
/// grader's homes and work folders hidden, a private <c>/tmp</c>, resource limits, and a kill that ends the whole
/// pid namespace (bubblewrap's init dies with its parent, and every process in the namespace with it).
/// </summary>
public sealed class Sandbox
{
    /// <summary>The uid and gid commands see inside the sandbox (<c>nobody</c>).</summary>
    public const int SandboxUid = 65534;

    // Outside, a root grader's sandboxes run as a uid nobody else uses: RLIMIT_NPROC counts every process of a uid on
    // the kernel, so the shared `nobody` (other containers, other services) would make the limit fail at random.
    // Each grading worker gets a uid of its own (ForWorker), so one student's processes never count against another's.
    private readonly long _outsideUid = 1_900_000_000 + Random.Shared.Next(0, 100_000_000);

    // The worker's Chromium runs as yet another unused uid: not the submission's (its processes would count against the
    // submission's process limit, and the app could signal them), never root (Chromium refuses its sandbox as root).
    private readonly long _browserUid = 1_800_000_000 + Random.Shared.Next(0, 100_000_000);

    // Hidden behind an empty tmpfs: where the grader's own secrets and the other students' files live.
    private static readonly string[] HiddenFolders = ["/root", "/home", "/work", "/srv", "/mnt", "/media", "/run", "/var/tmp", "/tmp"];

    private readonly string _bwrap;
    private readonly string _prlimit;
    private readonly string? _setpriv;
    private readonly string _dotnetRoot;
    private readonly SandboxCgroup? _cgroup;
    private IReadOnlyList<string> _alwaysHidden = [];

    // Joins the control group named by each argument before "--", then becomes the command after it: every process the
    // command starts is born inside the group.
    private const string JoinCgroup = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    private Sandbox(string bwrap, string prlimit, string? setpriv, string dotnetRoot, SandboxLimits limits)
    {
        _bwrap = bwrap;
        _prlimit = prlimit;
        _setpriv = setpriv;
        _dotnetRoot = dotnetRoot;
        Limits = limits;
        (_cgroup, CgroupProblem) = SandboxCgroup.TryCreate(_outsideUid.ToString(CultureInfo.InvariantCulture), limits.TotalMemoryBytes, limits.TotalProcesses);
    }

    /// <summary>The limits every command gets.</summary>
    public SandboxLimits Limits { get; }

    /// <summary>
    /// Null when <see cref="SandboxLimits.TotalMemoryBytes"/> and <see cref="SandboxLimits.TotalProcesses"/> hold (a
    /// control group bounds this sandbox's processes together); otherwise why not, and only the per-process limits hold.
    /// </summary>
    public string? CgroupProblem { get; }

    /// <summary>
    /// A sandbox like this one for another grading worker: the same tools and limits, but (for a root grader) an outside
    /// uid of its own, so the per-user process limit and file ownership of parallel students never mix.
    /// </summary>
    public Sandbox ForWorker() => new(_bwrap, _prlimit, _setpriv, _dotnetRoot, Limits) { _alwaysHidden = _alwaysHidden };

    /// <summary>
    /// Hides <paramref name="folders"/> (behind an empty tmpfs) from every command this sandbox and its workers run:
    /// what only the instructor may read (solutions, worked answers, the repository's history), wherever the
    /// instructor's repository lives, even outside the folders hidden anyway. Call before grading starts.
    /// </summary>
    public void HideAlways(IEnumerable<string> folders) => _alwaysHidden = [.. folders.Select(Path.GetFullPath).Distinct()];

    /// <summary>True when the grader runs as root, so the sandbox's writable folders must be handed to its outside uid.</summary>
    public bool DropsRoot => _setpriv is not null;

    /// <summary>
    /// For a root grader: <c>setpriv</c> and the unprivileged uid this worker's Chromium is started as, so that its own
    /// sandbox (namespaces, seccomp) engages; null when the grader is not root (Chromium then sandboxes itself as the grader).
    /// </summary>
    internal (string Setpriv, long Uid)? BrowserUser => _setpriv is null ? null : (_setpriv, _browserUid);

    /// <summary>
    /// Finds bubblewrap and the tools around it and proves they work here (the .NET SDK answering inside a
    /// sandbox); null with the reason when this machine cannot sandbox (not Linux, bwrap missing, user namespaces off).
    /// </summary>
    public static async Task<(Sandbox? Sandbox, string? Reason)> DetectAsync(SandboxLimits? limits = null, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux()) return (null, "sandboxing needs Linux with bubblewrap; this is " + System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        SandboxCgroup.RemoveStale();
        // WORKSHOP_BWRAP names another bwrap (or a missing one, to see how grading behaves without a sandbox).
        var bwrap = Environment.GetEnvironmentVariable("WORKSHOP_BWRAP") is { Length: > 0 } chosen ? (File.Exists(chosen) ? chosen : null) : ExecutableFinder.Find("bwrap");
        if (bwrap is null) return (null, "bubblewrap (bwrap) is not installed: apt-get install bubblewrap (Debian/Ubuntu) or dnf install bubblewrap (Fedora)");
        var prlimit = ExecutableFinder.Find("prlimit");
        if (prlimit is null) return (null, "prlimit (util-linux) is not installed");
        string? setpriv = null;
        if (Environment.UserName == "root" || IsRoot())
        {
            setpriv = ExecutableFinder.Find("setpriv");
            if (setpriv is null) return (null, "setpriv (util-linux) is needed to drop root before sandboxing");
        }
        var dotnet = ExecutableFinder.Find("dotnet");
        if (dotnet is null) return (null, "dotnet is not on PATH");
        var dotnetRoot = Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)!;
        var sandbox = new Sandbox(bwrap, prlimit, setpriv, dotnetRoot, limits ?? new SandboxLimits());
        var probe = sandbox.StartInfo("dotnet", ["--version"], "/", new SandboxMounts(), new Dictionary<string, string>());
        var (exit, output, timedOut) = await ProcessRunner.RunAsync(probe, TimeSpan.FromSeconds(60), cancellationToken);
        if (exit == 0 && !timedOut) return (sandbox, null);
        var why = timedOut ? "it did not answer within 60 s" : output.Trim();
        return (null, $"a test run of bubblewrap failed ({why}); user namespaces may be disabled, or the .NET SDK at {dotnetRoot} is not readable by other users");
    }

    /// <summary>
    /// The start info of <paramref name="program"/> (looked up in the sandbox's PATH) run inside a fresh sandbox.
    /// Its environment holds only PATH, HOME, the .NET settings it needs and <paramref name="environment"/>.
    /// </summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string> args, string workingDirectory, SandboxMounts mounts,
        IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(_cgroup is null ? _setpriv ?? _bwrap : "/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
        info.Environment.Clear(); // nothing of the grader's environment reaches bwrap, let alone the submission
        var a = info.ArgumentList;
        if (_cgroup is not null)
        {
            foreach (var arg in (string[])["-c", JoinCgroup, "sh", .. _cgroup.ProcsFiles, "--", _setpriv ?? _bwrap]) a.Add(arg);
        }
        if (_setpriv is not null)
        {
            foreach (var arg in (string[])["--reuid", Text(_outsideUid), "--regid", Text(_outsideUid), "--clear-groups", "--inh-caps=-all", "--", _bwrap]) a.Add(arg);
        }
        foreach (var arg in (string[])["--unshare-all", "--die-with-parent", "--new-session", "--clearenv", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]) a.Add(arg);
        foreach (var arg in (string[])["--uid", Id, "--gid", Id]) a.Add(arg);
        foreach (var folder in HiddenFolders.Append(Path.GetTempPath().TrimEnd('/')).Distinct().Where(Directory.Exists))
        {
            if (folder == "/tmp") foreach (var arg in (string[])["--size", Text(Limits.TmpBytes)]) a.Add(arg);
            a.Add("--tmpfs");
            a.Add(folder);
        }
        foreach (var folder in mounts.Hidden.Concat(_alwaysHidden).Distinct().Where(Directory.Exists))
        {
            a.Add("--tmpfs");
            a.Add(folder);
        }
        // An SDK installed under a hidden folder (e.g. ~/.dotnet) is shown again, read-only.
        if (HiddenFolders.Any(h => _dotnetRoot.StartsWith(h + "/", StringComparison.Ordinal))) Bind(a, "--ro-bind", _dotnetRoot, _dotnetRoot);
        foreach (var folder in mounts.ReadOnly) Bind(a, "--ro-bind", folder, folder);
        foreach (var folder in mounts.Writable) Bind(a, "--bind", folder, folder);
        foreach (var (host, inside) in mounts.WritableAt) Bind(a, "--bind", host, inside);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = $"{_dotnetRoot}:/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/tmp",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_CLI_HOME"] = "/tmp",
            ["DOTNET_ROOT"] = _dotnetRoot,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
            // Every sandbox is a first run (a fresh HOME): the SDK's first-run workload check then fails at random
            // under load ("An issue was encountered verifying workloads") and fails the build with it.
            ["DOTNET_SKIP_WORKLOAD_INTEGRITY_CHECK"] = "1",
            ["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false",
            ["DOTNET_GCHeapHardLimit"] = Limits.HeapBytes.ToString("X", CultureInfo.InvariantCulture),
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (key, value) in environment) env[key] = value;
        foreach (var (key, value) in env.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            a.Add("--setenv");
            a.Add(key);
            a.Add(value);
        }
        foreach (var arg in (string[])["--chdir", workingDirectory, "--", _prlimit,
            "--as=" + Text(Limits.AddressSpaceBytes), "--cpu=" + Text(Limits.CpuSeconds), "--nproc=" + Text(Limits.Processes),
            "--fsize=" + Text(Limits.FileBytes), "--nofile=" + Text(Limits.OpenFiles), "--core=0", "--", program]) a.Add(arg);
        foreach (var arg in args) a.Add(arg);
        return info;
    }

    /// <summary>Hands folders (recursively) to the sandbox's outside uid when the grader is root; otherwise they are already the caller's.</summary>
    public async Task GiveToSandboxAsync(IEnumerable<string> folders, CancellationToken cancellationToken = default)
    {
        if (_setpriv is null) return;
        var chown = new ProcessStartInfo(ExecutableFinder.Find("chown") ?? "chown") { UseShellExecute = false };
        foreach (var arg in (string[])["-R", "--no-dereference", $"{_outsideUid}:{_outsideUid}", "--"]) chown.ArgumentList.Add(arg);
        foreach (var folder in folders) chown.ArgumentList.Add(folder);
        var (exit, output, _) = await ProcessRunner.RunAsync(chown, TimeSpan.FromSeconds(60), cancellationToken);
        if (exit != 0) throw new IOException($"could not hand the working copy to the sandbox user: {output.Trim()}");
    }

    private static string Id => SandboxUid.ToString(CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Bind(System.Collections.ObjectModel.Collection<string> a, string kind, string host, string inside)
    {
        a.Add(kind);
        a.Add(host);
        a.Add(inside);
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
