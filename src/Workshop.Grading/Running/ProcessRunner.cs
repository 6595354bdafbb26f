using System.Diagnostics;

namespace Workshop.Grading.Running;

/// <summary>Runs a short-lived command (e.g. <c>dotnet build</c>) with a hard timeout, capturing its output.</summary>
internal static class ProcessRunner
{
    public static Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(
        string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return RunAsync(info, timeout, cancellationToken);
    }

    /// <summary>Runs a prepared command (e.g. a sandboxed one); its output is bounded to the last 64 KB.</summary>
    public static async Task<(int ExitCode, string Output, bool TimedOut)> RunAsync(ProcessStartInfo info, TimeSpan timeout, CancellationToken cancellationToken)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var output = new OutputTail();
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        // Waiting on the Exited event, not on end-of-output: a build server that inherited the pipes keeps them open.
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        await ProcessLauncher.StartAsync(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await exited.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return (-1, output.ToString(), true);
        }
        // Give the reader a moment to drain the last lines after exit.
        try
        {
            // Drain the last lines (end of output), but never wait on a grandchild that still holds the pipe.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        return (process.ExitCode, output.ToString(), false);
    }
}
