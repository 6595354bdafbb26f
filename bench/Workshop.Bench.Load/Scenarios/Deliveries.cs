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

    public WindowResult Result(long published, int clients, long errors)
    {
        var expected = (double)published * clients;
        return new WindowResult(Count / window.Seconds, Latency.Percentile(50) / 1000, Latency.Percentile(99) / 1000,
            expected == 0 ? double.NaN : Count / expected, errors, $"published {published}");
    }
}
