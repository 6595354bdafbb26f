using System.Diagnostics;
using Workshop.Testing;

namespace Workshop.Labs.Tests.Cli;

/// <summary>A throw-away copy of the repository's labs/ folder (sources only), optionally a git repository.</summary>
public sealed class TempRepoCopy : IDisposable
{
    public TempRepoCopy(bool gitInit = false)
    {
        Copy(Path.Combine(RepoPaths.Root, "labs"), Path.Combine(Root, "labs"));
        if (!gitInit) return;
        Git("init", "-q");
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "labs");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "workshop-copy-" + Guid.NewGuid().ToString("N"));

    public string Lab(string folder, string variant) => Path.Combine(Root, "labs", folder, variant);

    public static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(source))
        {
            if (Path.GetFileName(dir) is "bin" or "obj") continue;
            Copy(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    private void Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaner.
        }
    }
}
