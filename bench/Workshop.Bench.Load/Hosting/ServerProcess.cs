using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Workshop.Bench.Load.Hosting;

/// <summary>
/// One server under test, started through <c>taskset -c {core}</c> so it runs on the server core only, with its
/// output sent to a log file. Killed (with its tree) on dispose; bench/run.sh also kills the process group.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(ServerSpec spec, Process process, int port)
    {
        Spec = spec;
        _process = process;
        Port = port;
    }

    public ServerSpec Spec { get; }
    public int Port { get; }
    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(ServerSpec spec, int core, string logDirectory, TimeSpan timeout)
    {
        var port = FreePort();
        var log = Path.Combine(logDirectory, spec.Name + ".log");
        var info = new ProcessStartInfo("taskset") { UseShellExecute = false, WorkingDirectory = spec.WorkingDirectory };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(core.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(spec.Program);
        foreach (var arg in spec.Args) info.ArgumentList.Add(arg.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // The generator runs socket continuations inline (bench/run.sh); the servers under test keep .NET's default.
        info.Environment.Remove(GeneratorEnvironment.InlineCompletions);
        foreach (var (key, value) in spec.Environment) info.Environment[key] = value;
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {spec.Name}.");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(spec, process, port);
        await server.WaitUntilListeningAsync(timeout, log);
        return server;
    }

    /// <summary>Resident set size in KB, from /proc (what the kernel holds for the process right now).</summary>
    public long RssKb()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("VmRSS not found.");
    }

    public void ThrowIfExited()
    {
        if (_process.HasExited) throw new InvalidOperationException($"{Spec.Name} exited with code {_process.ExitCode}; see its log.");
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, string log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Spec.Name} exited at start:\n{ReadLog(log)}");
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{Spec.Name} did not listen on {Port} within {timeout}:\n{ReadLog(log)}");
    }

    private static string ReadLog(string log)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
