using System.Collections.Concurrent;
using System.Diagnostics;

namespace Workshop.Grading.Running;

/// <summary>
/// Starts child processes from one thread that lives as long as the grader. bubblewrap's <c>--die-with-parent</c>
/// (<c>PR_SET_PDEATHSIG</c>) fires when the <em>thread</em> that forked it ends, not the process: started from a
/// thread-pool thread that the pool retires later (it does, under load), a sandboxed build or lab app was killed
/// mid-run with SIGKILL (exit code 137, at random), and a grade depended on the machine's load.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Pending = [];

    static ProcessLauncher() => new Thread(Run) { IsBackground = true, Name = "process launcher" }.Start();

    /// <summary>Starts <paramref name="process"/> on the launcher thread; completes once it started (or throws why not).</summary>
    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Pending.Add((process, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (process, started) in Pending.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
