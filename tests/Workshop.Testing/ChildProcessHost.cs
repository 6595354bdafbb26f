using System.Diagnostics;
using Workshop.Grading.Running;

namespace Workshop.Testing;

/// <summary>
/// A built ASP.NET Core app (<c>dotnet app.dll</c> or <c>dotnet run</c>) as a <see cref="ChildProcess"/> on a free
/// loopback port: the address it reported, its output, and a kill of its whole process tree on dispose. Only the
/// command line and environment are set up here; starting, waiting and killing are the grader's runner.
/// </summary>
public sealed class ChildProcessHost : IAsyncDisposable
{
    private ChildProcessHost(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The running process (output tail, waiting on lines or ports).</summary>
    public ChildProcess Process { get; }

    /// <summary>The base address the app listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The kept tail of what the process printed (stdout and stderr), for failure messages.</summary>
    public string Output => Process.Output;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => Process.HasExited;

    /// <summary>Starts <c>dotnet {assembly}</c> in Development on port 0 and waits until it reports its address.</summary>
    public static Task<ChildProcessHost> StartAsync(
        string assemblyPath,
        IDictionary<string, string?>? environment = null,
        IEnumerable<string>? extraArgs = null,
        string? workingDirectory = null,
        TimeSpan? startTimeout = null)
    {
        if (!File.Exists(assemblyPath)) throw new FileNotFoundException($"Build output not found: {assemblyPath}", assemblyPath);
        var variables = new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) variables[key] = value;
        return StartDotnetAsync(
            [assemblyPath, "--urls", "http://127.0.0.1:0", .. extraArgs ?? []],
            variables, workingDirectory ?? Path.GetDirectoryName(assemblyPath)!, Path.GetFileName(assemblyPath), startTimeout);
    }

    /// <summary>
    /// Starts <c>dotnet {arguments}</c> (e.g. <c>run --project …</c>) and waits until it reports its address. A null
    /// value in <paramref name="environment"/> removes that variable from the inherited environment.
    /// </summary>
    public static async Task<ChildProcessHost> StartDotnetAsync(
        IEnumerable<string> arguments, IDictionary<string, string?> environment, string workingDirectory, string name, TimeSpan? startTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var process = await ChildProcess.StartAsync(info, name);
        try
        {
            var address = await process.WaitUntilListeningAsync(startTimeout ?? TimeSpan.FromSeconds(60));
            return new ChildProcessHost(process, address);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process abruptly (SIGKILL on Unix), as a crash or <c>kill -9</c> would.</summary>
    public Task KillAsync() => Process.KillAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
