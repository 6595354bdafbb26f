using System.Diagnostics;

namespace Workshop.Grading.Running;

/// <summary>
/// A built lab running as a child process on a free loopback port. Started with <c>--urls http://127.0.0.1:0</c>,
/// its address read from the "Now listening on" line, then probed with a real request before it counts as ready.
/// Disposing kills its whole process tree. Sandboxed, the app listens on a Unix socket inside its sandbox instead and
/// the checks reach it through a forwarder (<see cref="SandboxSession"/>); killing the sandbox ends every process in it.
/// </summary>
public sealed class LabProcess : IAsyncDisposable
{
    private readonly string _assemblyPath;
    private readonly OutputTail _output = new();
    private readonly SandboxSession? _sandbox;
    private ChildProcess? _child;

    private LabProcess(string assemblyPath, SandboxedApp? sandbox)
    {
        _assemblyPath = assemblyPath;
        _sandbox = sandbox is null ? null : new SandboxSession(sandbox);
    }

    /// <summary>The lab's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the lab printed (for failure reasons).</summary>
    public string Output => _output.ToString();

    /// <summary>True once the process exited (e.g. crashed), or a restart never got its process going.</summary>
    public bool HasExited => _child?.HasExited ?? true;

    /// <summary>Starts the app and waits until it listens and answers HTTP, or throws <see cref="LabStartException"/>.</summary>
    public static async Task<LabProcess> StartAsync(string assemblyPath, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await StartAsync(assemblyPath, null, timeout, cancellationToken);

    /// <summary>Starts the app, sandboxed when <paramref name="sandbox"/> is given.</summary>
    internal static async Task<LabProcess> StartAsync(string assemblyPath, SandboxedApp? sandbox, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var lab = new LabProcess(assemblyPath, sandbox);
        try
        {
            await lab.LaunchAsync("http://127.0.0.1:0", timeout, cancellationToken);
        }
        catch
        {
            if (lab._child is not null) await lab._child.DisposeAsync();
            if (lab._sandbox is not null) await lab._sandbox.DisposeAsync();
            throw;
        }
        return lab;
    }

    /// <summary>
    /// Kills the lab (SIGKILL, its whole tree: a crash, not a graceful stop) and starts it again on the same port,
    /// in the same folder, so a check can prove that state the lab promised to keep (an outbox on disk) survives.
    /// </summary>
    public async Task RestartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await StopAsync();
        _output.Add("--- restarted by a check ---");
        await LaunchAsync($"http://127.0.0.1:{BaseAddress.Port}", timeout, cancellationToken);
    }

    private async Task LaunchAsync(string urls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = _sandbox is null ? Unsandboxed(urls) : _sandbox.StartInfo(_assemblyPath, AppEnvironment);
        info.RedirectStandardInput = true;
        if (_child is not null) await _child.DisposeAsync();
        _child = await ChildProcess.StartAsync(info, "the lab", _output);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var listening = await _child.WaitUntilListeningAsync(Timeout.InfiniteTimeSpan, deadline.Token);
            BaseAddress = _sandbox?.BaseAddress ?? listening;
            await WaitUntilAnsweringAsync(deadline.Token);
            _sandbox?.Launched(_child.Process);
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            throw new LabStartException($"the lab did not start within {timeout.TotalSeconds:0} s:\n{Tail()}");
        }
        catch (InvalidOperationException) when (HasExited)
        {
            await StopAsync();
            throw new LabStartException($"the lab exited before it listened:\n{Tail()}");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private ProcessStartInfo Unsandboxed(string urls)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(_assemblyPath)! };
        foreach (var (key, value) in AppEnvironment) info.Environment[key] = value;
        foreach (var arg in (string[])[_assemblyPath, "--urls", urls]) info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>
    /// Makes a port of the grader's loopback (a receiver a check runs) reachable from the lab at the same address;
    /// nothing to do for an unsandboxed lab, which shares the grader's loopback.
    /// </summary>
    internal void OpenGraderPort(int port)
    {
        if (_child is not null) _sandbox?.OpenPort(port, _child.Process);
    }

    private static Dictionary<string, string> AppEnvironment => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_NOLOGO"] = "1",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>The last lines the lab printed.</summary>
    public string Tail(int lines = 15) => _output.Last(lines).TrimEnd('\n');

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        // Readiness probe: any HTTP answer (even 404) means the pipeline is up. Retry quickly, never a fixed sleep.
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (HasExited) throw new LabStartException($"the lab crashed while starting:\n{Tail()}");
            try
            {
                using var response = await client.GetAsync("/", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_child is not null) await _child.DisposeAsync();
        if (_sandbox is not null) await _sandbox.DisposeAsync();
    }

    private async Task StopAsync()
    {
        if (_child is not null) await _child.KillAsync();
        if (_sandbox is not null) await _sandbox.StoppedAsync();
    }
}
