namespace Workshop.Bench.Load.Stats;

/// <summary>
/// Counts latencies in microseconds into log-linear buckets (exact below 1,024 µs, then 512 buckets per power
/// of two, so a reported percentile is within 0.2 % of the true value). Millions of deliveries a window fit in
/// a fixed array; recording is one interlocked increment, safe from any thread.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 1024;
    private const int SubBuckets = 512;
    private const int MaxExponent = 40;
    private readonly long[] _counts = new long[Linear + ((MaxExponent - 9) * SubBuckets)];
    private long _total;

    /// <summary>The number of recorded values.</summary>
    public long Count => Interlocked.Read(ref _total);

    /// <summary>Records one latency; negative values count as zero.</summary>
    public void Record(long micros)
    {
        Interlocked.Increment(ref _counts[IndexOf(Math.Max(0, micros))]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        _total += other._total;
    }

    /// <summary>The nearest-rank percentile in microseconds (the lower edge of its bucket); NaN when empty.</summary>
    public double Percentile(double percent)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return ValueOf(i);
        }
        return ValueOf(_counts.Length - 1);
    }

    internal static int IndexOf(long micros)
    {
        if (micros < Linear) return (int)micros;
        var exponent = (int)Math.Min(63 - long.LeadingZeroCount(micros), MaxExponent - 1);
        var sub = (int)((micros >> (exponent - 9)) & (SubBuckets - 1));
        return Linear + ((exponent - 10) * SubBuckets) + sub;
    }

    internal static long ValueOf(int index)
    {
        if (index < Linear) return index;
        var exponent = ((index - Linear) / SubBuckets) + 10;
        var sub = (index - Linear) % SubBuckets;
        return (long)(SubBuckets + sub) << (exponent - 9);
    }
}
