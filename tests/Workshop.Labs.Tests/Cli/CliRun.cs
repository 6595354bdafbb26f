using System.Diagnostics;
using System.Text;
using Workshop.Testing;

namespace Workshop.Labs.Tests.Cli;

/// <summary>Runs the built <c>workshop</c> CLI as a process (as a learner or instructor would) with a hard timeout.</summary>
public static class CliRun
{
    public static string Assembly => Path.Combine(RepoPaths.Root, "src", "Workshop.Cli", "bin", RepoPaths.Configuration, "net10.0", "workshop.dll");

    public static Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args) => RunInAsync(RepoPaths.Root, timeout, args);

    public static Task<(int ExitCode, string Output)> RunInAsync(string root, TimeSpan timeout, params string[] args) =>
        RunWithAsync(root, new Dictionary<string, string>(), timeout, args);

    /// <summary>Runs the CLI with extra environment variables (e.g. a secret the submissions must never see).</summary>
    public static async Task<(int ExitCode, string Output)> RunWithAsync(string root, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["WORKSHOP_ROOT"] = root;
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) throw new TimeoutException($"workshop {string.Join(' ', args)} did not finish within {timeout}:\n{output}");
        }
        try
        {
            // Drain the last lines (end of output), but never wait on a grandchild that still holds the pipe.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        lock (output) return (process.ExitCode, output.ToString());
    }
}
