using System.Diagnostics;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Running;

/// <summary>
/// The sandbox side of one <see cref="LabProcess"/>: the start info of each launch (the app listening on a Unix
/// socket in its run folder), the TCP forwarder the checks use (kept across restarts, so the address stays), and
/// the grader ports bridged into the current sandbox for receivers the lab must call.
/// </summary>
internal sealed class SandboxSession(SandboxedApp app) : IAsyncDisposable
{
    private const string SocketInside = "/run/lab/app.sock";
    private readonly HashSet<int> _ports = [];
    private readonly List<LoopbackBridge> _bridges = [];
    private UnixSocketForwarder? _forwarder;

    /// <summary>Where the checks reach the app (valid after the first <see cref="StartInfo"/>).</summary>
    public Uri BaseAddress => _forwarder?.BaseAddress ?? throw new InvalidOperationException("the sandboxed lab was never launched");

    /// <summary>The start info of a new launch in a fresh sandbox.</summary>
    public ProcessStartInfo StartInfo(string assemblyPath, IReadOnlyDictionary<string, string> environment)
    {
        var socket = Path.Combine(app.RunDirectory, Path.GetFileName(SocketInside));
        if (File.Exists(socket)) File.Delete(socket);
        _forwarder ??= new UnixSocketForwarder(socket);
        var mounts = app.Mounts with { WritableAt = new Dictionary<string, string> { [app.RunDirectory] = Path.GetDirectoryName(SocketInside)! } };
        var directory = Path.GetDirectoryName(assemblyPath)!;
        return app.Sandbox.StartInfo("dotnet", [assemblyPath, "--urls", "http://unix:" + SocketInside], directory, mounts, environment);
    }

    /// <summary>Makes the grader's <c>127.0.0.1:<paramref name="port"/></c> reachable at the same address inside, now and after restarts.</summary>
    public void OpenPort(int port, Process process)
    {
        lock (_ports)
        {
            if (_ports.Add(port)) Bridge(port, process);
        }
    }

    /// <summary>Bridges the ports opened so far into a new launch's sandbox.</summary>
    public void Launched(Process process)
    {
        lock (_ports)
        {
            foreach (var port in _ports) Bridge(port, process);
        }
    }

    /// <summary>Closes the bridges of a sandbox that is gone.</summary>
    public async Task StoppedAsync()
    {
        List<LoopbackBridge> bridges;
        lock (_ports)
        {
            bridges = [.. _bridges];
            _bridges.Clear();
        }
        foreach (var bridge in bridges) await bridge.DisposeAsync();
    }

    private void Bridge(int port, Process process)
    {
        var init = NetworkNamespace.FirstChild(process.Id) ?? throw new InvalidOperationException("the lab's sandbox is not running");
        _bridges.Add(new LoopbackBridge(init, port));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StoppedAsync();
        if (_forwarder is not null) await _forwarder.DisposeAsync();
    }
}
