using System.Diagnostics;
using Workshop.Bench.Load.Net;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// Publishes at a fixed rate with catch-up pacing: every millisecond it sends what is due since the start, each
/// message stamped with the moment it was sent. Counts what it published inside the window.
/// </summary>
internal sealed class Publisher(double perSecond, int size, Window window)
{
    private long _inWindow;
    private long _errors;

    public long PublishedInWindow => Interlocked.Read(ref _inWindow);
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Runs until <paramref name="ct"/> fires; <paramref name="publish"/> sends one marker.</summary>
    public async Task RunAsync(Func<byte[], Task> publish, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * perSecond);
            while (sent < due && !ct.IsCancellationRequested)
            {
                var ticks = Stopwatch.GetTimestamp();
                try
                {
                    await publish(Marker.Create(ticks, size));
                    if (window.Contains(ticks)) Interlocked.Increment(ref _inWindow);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _errors);
                }
                sent++;
            }
            try { await Task.Delay(1, ct); }
            catch (OperationCanceledException) { return; }
        }
    }
}
