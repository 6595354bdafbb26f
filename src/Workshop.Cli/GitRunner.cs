using System.Diagnostics;

namespace Workshop.Cli;

/// <summary>Runs git in the workspace (for <c>reset</c>); null when git is not installed.</summary>
public static class GitRunner
{
    /// <summary>Runs <c>git -C root args</c>: exit code and stdout, or null when git cannot be started.</summary>
    public static (int ExitCode, string Output)? Run(string root, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(root);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
