using Workshop.Bench.Load.Net;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Scenarios;

/// <summary>Counts deliveries of messages published inside the window and their publish-to-receive latency.</summary>
internal sealed class Deliveries(Window window)
{
    private long _count;

    public LatencyHistogram Latency { get; } = new();
    public long Count => Interlocked.Read(ref _count);

    public void OnMarker(long ticks)
    {
        if (!window.Contains(ticks)) return;
        Latency.Record(Marker.MicrosSince(ticks));
        Interlocked.Increment(ref _count);
    }

    /// <summary>
    /// The share is taken against the offered load (rate × window), not against what got published: a server that
    /// slows its publisher down must not look as if it delivered everything.
    /// </summary>
    public WindowResult Result(long published, double offeredPerSecond, int clients, long errors)
    {
        var offered = offeredPerSecond * window.Seconds;
        var expected = Math.Max(published, Math.Floor(offered)) * clients;
        return new WindowResult(Count / window.Seconds, Latency.Percentile(50) / 1000, Latency.Percentile(99) / 1000,
            expected == 0 ? double.NaN : Math.Min(1, Count / expected), errors,
            $"published {published / window.Seconds:0}/s of {offeredPerSecond:0}/s offered");
    }
}
