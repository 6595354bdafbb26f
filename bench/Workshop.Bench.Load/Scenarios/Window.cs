using System.Diagnostics;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// The measured interval of a run, as Stopwatch ticks. Deliveries count when the timestamp they carry (or the
/// moment they complete, for echo) falls inside it, so ramp-up and drain never leak into a figure.
/// </summary>
internal sealed class Window
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public long Start => Volatile.Read(ref _start);

    public bool Contains(long ticks) => ticks >= Volatile.Read(ref _start) && ticks <= Volatile.Read(ref _end);

    public bool IsOpenNow => Contains(Stopwatch.GetTimestamp());

    public double Seconds => (double)(Volatile.Read(ref _end) - Volatile.Read(ref _start)) / Stopwatch.Frequency;

    /// <summary>Waits out the ramp, opens the window, waits its length and closes it.</summary>
    public async Task RunAsync(TimeSpan ramp, TimeSpan length, CancellationToken ct)
    {
        await Task.Delay(ramp, ct);
        CpuProbe.Current?.Start();
        Volatile.Write(ref _start, Stopwatch.GetTimestamp());
        await Task.Delay(length, ct);
        Volatile.Write(ref _end, Stopwatch.GetTimestamp());
        CpuProbe.Current?.Stop();
    }
}
