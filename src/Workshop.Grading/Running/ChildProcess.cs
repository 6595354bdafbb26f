using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Running;

/// <summary>
/// One child process with its output kept as a bounded tail: started from the launcher thread, awaited until it
/// prints a line (e.g. "Now listening on") or opens a port, and killed with its whole process tree on dispose. The
/// grader's lab apps, the tests' playground instances and their nginx/Redis helpers all run through this type.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output;
    private readonly Lock _gate = new();
    private readonly List<(Regex Pattern, string What, TaskCompletionSource<Match> Seen)> _watchers = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly long _firstLine;

    private ChildProcess(Process process, string name, OutputTail output)
    {
        _process = process;
        _output = output;
        _firstLine = output.Count;
        Name = name;
    }

    /// <summary>The default bound of the kept output, in characters.</summary>
    public const int DefaultMaxOutputChars = OutputTail.DefaultMaxChars;

    /// <summary>What failure messages call the process (e.g. "the playground", "nginx").</summary>
    public string Name { get; }

    /// <summary>The underlying process (its id, or a sandbox that needs it).</summary>
    public Process Process => _process;

    /// <summary>The kept tail of everything the process printed on stdout and stderr, for failure messages.</summary>
    public string Output => _output.ToString();

    /// <summary>True once the process exited (or never started).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Completes once the process exited and its output was read (bounded: a grandchild may hold the pipes).</summary>
    public Task Exited => _exited.Task;

    /// <summary>The last <paramref name="lines"/> lines printed.</summary>
    public string Tail(int lines = 15) => _output.Last(lines).TrimEnd('\n');

    /// <summary>
    /// Starts <paramref name="info"/> with stdout and stderr redirected into a tail of at most
    /// <paramref name="maxOutputChars"/> characters (a child that prints without end costs that much memory at most).
    /// </summary>
    public static Task<ChildProcess> StartAsync(ProcessStartInfo info, string name, int maxOutputChars = DefaultMaxOutputChars)
        => StartAsync(info, name, new OutputTail(maxOutputChars));

    /// <summary>Starts <paramref name="info"/>, its output appended to <paramref name="output"/> (a restart keeps the story).</summary>
    internal static async Task<ChildProcess> StartAsync(ProcessStartInfo info, string name, OutputTail output)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name, output);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => _ = child.OnExitAsync();
        try
        {
            await ProcessLauncher.StartAsync(process);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits for a line matching <paramref name="pattern"/> (one printed before the call counts, while the tail
    /// holds it). Throws <see cref="InvalidOperationException"/> with the tail if the process exits first, and
    /// <see cref="TimeoutException"/> with the tail when <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, CancellationToken cancellationToken = default)
        => await WaitForLineAsync(pattern, $"printing /{pattern}/", timeout, cancellationToken);

    private async Task<Match> WaitForLineAsync(Regex pattern, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var seen = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var line in _output.LinesSince(_firstLine))
            {
                if (pattern.Match(line) is { Success: true } early) return early;
            }
            if (_exited.Task.IsCompleted) throw ExitedBefore(what);
            _watchers.Add((pattern, what, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name}: timed out after {timeout.TotalSeconds:0.#} s waiting for {what}:\n{Output}");
        }
        finally
        {
            lock (_gate) _watchers.RemoveAll(w => w.Seen == seen);
        }
    }

    /// <summary>Waits for ASP.NET Core's "Now listening on: …" line and returns that address (with a trailing slash).</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var match = await WaitForLineAsync(ListeningLine(), "listening", timeout, cancellationToken);
        return new Uri(match.Groups["url"].Value.TrimEnd('/') + "/");
    }

    /// <summary>Waits until a TCP connection to 127.0.0.1:<paramref name="port"/> succeeds (for servers that print nothing when ready).</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (HasExited) throw ExitedBefore($"listening on port {port}");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not listen on port {port} within {timeout.TotalSeconds:0.#} s:\n{Output}");
            }
            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not listen on port {port} within {timeout.TotalSeconds:0.#} s:\n{Output}");
            }
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Kills the process and everything it started (SIGKILL: a crash, not a graceful stop), then waits for it.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Never started, already reaped, or a stuck reader: the kill was sent either way.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private InvalidOperationException ExitedBefore(string what)
        => new($"{Name} exited before {what}:\n{Output}");

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _output.Add(line);
            foreach (var (pattern, _, seen) in _watchers)
            {
                if (pattern.Match(line) is { Success: true } match) seen.TrySetResult(match);
            }
        }
    }

    /// <summary>
    /// Exited can fire before the last lines were read (a crash's exception is its last words): wait, briefly, for
    /// both streams to end before the waiters learn of the exit with the tail.
    /// </summary>
    private async Task OnExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The tail as it is: the streams did not end in time, or the process object is gone.
        }
        lock (_gate)
        {
            _exited.TrySetResult();
            foreach (var (_, what, seen) in _watchers) seen.TrySetException(ExitedBefore(what));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>https?://\S+)")]
    private static partial Regex ListeningLine();
}
