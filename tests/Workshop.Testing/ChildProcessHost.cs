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

    /// <summary>Starts <c>dotnet {assembly}</c> and waits until it reports its address.</summary>
    public static async Task<ChildProcessHost> StartAsync(
        string assemblyPath,
        IDictionary<string, string?>? environment = null,
        IEnumerable<string>? extraArgs = null,
        string? workingDirectory = null,
        TimeSpan? startTimeout = null)
    {
        if (!File.Exists(assemblyPath)) throw new FileNotFoundException($"Build output not found: {assemblyPath}", assemblyPath);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(assemblyPath)!,
        };
        info.ArgumentList.Add(assemblyPath);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var arg in extraArgs ?? []) info.ArgumentList.Add(arg);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new ChildProcessHost(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Exited += (_, _) => host._listening.TrySetException(
            new InvalidOperationException($"{Path.GetFileName(assemblyPath)} exited before listening:\n{host.Output}"));
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
            throw new TimeoutException($"{Path.GetFileName(assemblyPath)} did not report a listening address:\n{host.Output}");
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
