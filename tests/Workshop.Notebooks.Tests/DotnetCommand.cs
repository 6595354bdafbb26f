using System.Diagnostics;
using System.Text;

namespace Workshop.Notebooks.Tests;

/// <summary>Runs one <c>dotnet</c> command as a child process with a deadline; the whole tree is killed on timeout.</summary>
public static class DotnetCommand
{
    /// <summary>The exit code, everything printed (stdout and stderr interleaved) and how long it took.</summary>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>Runs <c>dotnet {arguments}</c> in <paramref name="workingDirectory"/>, failing after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // `dotnet test` points these at its own MSBuild; a nested `dotnet build` must find its own.
        foreach (var inherited in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            info.Environment.Remove(inherited);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {timeout.TotalSeconds:0} s:\n{output}");
        }
        lock (output) return new Result(process.ExitCode, output.ToString(), watch.Elapsed);
    }
}
