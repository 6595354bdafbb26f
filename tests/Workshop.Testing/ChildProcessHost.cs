using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Workshop.Testing;

/// <summary>
/// Runs a built ASP.NET Core app as a child process on a free loopback port, reads the port it bound from its
/// "Now listening on" line, and kills it with its whole process tree when disposed.
/// </summary>
public sealed partial class ChildProcessHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcessHost(Process process) => _process = process;

    /// <summary>The base address the app listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the process printed so far (stdout and stderr), for failure messages.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet {assembly}</c> in Development and waits until it reports its address.</summary>
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
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in arguments) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new ChildProcessHost(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Exited += (_, _) => host._listening.TrySetException(
            new InvalidOperationException($"{name} exited before listening:\n{host.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            host.BaseAddress = await host._listening.Task.WaitAsync(startTimeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"{name} did not report a listening address:\n{host.Output}");
        }
        return host;
    }

    /// <summary>Kills the process abruptly (SIGKILL on Unix), as a crash or <c>kill -9</c> would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        var match = ListeningLine().Match(line);
        if (match.Success) _listening.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"Now listening on: (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
