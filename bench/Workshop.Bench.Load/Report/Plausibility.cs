using System.Globalization;

namespace Workshop.Bench.Load.Report;

/// <summary>
/// Refuses figures that cannot be true, so the report says "not measured" and why instead of printing them (a raw
/// peer using −0.47 KB per connection was once printed as a ratio of −34.96×).
/// </summary>
internal static class Plausibility
{
    /// <summary>
    /// CPU is read from /proc in 10 ms ticks over windows of a few seconds, so a pinned process set can read
    /// slightly above its one core; anything beyond this is a probe error, not a measurement.
    /// </summary>
    public const double CpuCeiling = 1.1;

    /// <summary>Why <paramref name="value"/> cannot be a true <paramref name="quantity"/>; null when it can (or is missing).</summary>
    public static string? WhyImpossible(Quantity quantity, double value)
    {
        if (double.IsNaN(value)) return null;
        if (double.IsInfinity(value)) return "infinite (nothing was timed)";
        var shown = value.ToString("0.##", CultureInfo.InvariantCulture);
        return quantity switch
        {
            Quantity.KbPerConnection when value <= 0 =>
                "RSS did not grow while the connections were opened (see the window's RSS): memory that earlier connections " +
                "freed was returned inside the window",
            Quantity.Share when value is < 0 or > 1 => $"a share of {shown} is outside 0–100 %",
            Quantity.Cpu when value < 0 => $"negative CPU time ({shown})",
            Quantity.Cpu when value > CpuCeiling => $"{value * 100:0} % of a single pinned core",
            Quantity.MicrosPerOperation when value <= 0 => $"{shown} µs of CPU per operation",
            Quantity.Rate or Quantity.LatencyMs when value < 0 => $"a negative {(quantity == Quantity.Rate ? "rate" : "latency")} ({shown})",
            _ => null,
        };
    }
}
