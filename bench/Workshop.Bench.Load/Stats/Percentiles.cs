namespace Workshop.Bench.Load.Stats;

/// <summary>Order statistics over a handful of samples (one per measured window) and ratios between them.</summary>
public static class Percentiles
{
    /// <summary>The median; the mean of the two middle values when the count is even. NaN for no samples.</summary>
    public static double Median(IEnumerable<double> samples)
    {
        var sorted = Sorted(samples);
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest sample such that at least <paramref name="percent"/> % of the
    /// samples are at or below it (so p100 is the maximum and p99 of 10 samples is the maximum too).
    /// </summary>
    public static double Percentile(IEnumerable<double> samples, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var sorted = Sorted(samples);
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>a ÷ b; NaN when either is missing (NaN) or b is zero, so a ratio is never invented.</summary>
    public static double Ratio(double a, double b) =>
        double.IsNaN(a) || double.IsNaN(b) || b == 0 ? double.NaN : a / b;

    private static double[] Sorted(IEnumerable<double> samples)
    {
        var array = samples.Where(s => !double.IsNaN(s)).ToArray();
        Array.Sort(array);
        return array;
    }
}
