using System.Globalization;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Probes;

/// <summary>
/// A small shell script Playwright starts instead of Chromium when the grader runs as root. Chromium refuses its own
/// sandbox as root, so the script hands the profile folder Playwright made (<c>--user-data-dir</c>) to an unprivileged
/// uid and becomes that uid with <c>setpriv</c> before it execs Chromium with a clean environment; Playwright's pipe
/// (fds 3 and 4) stays open across both. Chromium, no longer root, then starts its namespace and seccomp sandbox.
/// The script's folder is the grader's alone (mode 0700 under the temp folder); it also records Chromium's pid.
/// </summary>
internal sealed class ChromiumLauncher : IDisposable
{
    private readonly string _folder;

    private ChromiumLauncher(string folder)
    {
        _folder = folder;
        ScriptPath = Path.Combine(folder, "chromium");
        PidFile = Path.Combine(folder, "browser.pid");
    }

    /// <summary>The executable to hand Playwright.</summary>
    public string ScriptPath { get; }

    /// <summary>Holds the browser process's pid once it has started (the script's own pid, which exec keeps).</summary>
    public string PidFile { get; }

    /// <summary>Writes a launcher that starts <paramref name="chromium"/> as <paramref name="uid"/>.</summary>
    public static ChromiumLauncher Create(string chromium, string setpriv, long uid)
    {
        var launcher = new ChromiumLauncher(Directory.CreateTempSubdirectory("workshop-chromium-").FullName);
        var id = uid.ToString(CultureInfo.InvariantCulture);
        string[] script =
        [
            "#!/bin/sh",
            "profile=",
            "for arg do",
            "  case $arg in --user-data-dir=*) profile=${arg#--user-data-dir=} ;; esac",
            "done",
            "[ -n \"$profile\" ] || { echo 'workshop: Playwright passed no --user-data-dir' >&2; exit 64; }",
            $"{Quote(ExecutableFinder.Find("chown") ?? "chown")} -R {id}:{id} -- \"$profile\" || exit 65",
            $"echo $$ > {Quote(launcher.PidFile)}",
            $"exec {Quote(setpriv)} --reuid {id} --regid {id} --clear-groups --inh-caps=-all -- " +
            $"{Quote(ExecutableFinder.Find("env") ?? "/usr/bin/env")} -i PATH=/usr/local/bin:/usr/bin:/bin HOME=\"$profile\" TMPDIR=/tmp LANG=C.UTF-8 " +
            $"{Quote(chromium)} \"$@\"",
        ];
        File.WriteAllText(launcher.ScriptPath, string.Join('\n', script) + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(launcher.ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return launcher;
    }

    /// <summary>The browser's pid, or null before it started.</summary>
    public int? BrowserProcessId =>
        File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // In the temp folder: the OS cleans it eventually.
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
