namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// What one measured window gave: a rate per second, latency percentiles in milliseconds, the share of
/// expected deliveries that arrived (1 when not applicable) and the errors seen.
/// </summary>
internal sealed record WindowResult(double Rate, double P50Ms, double P99Ms, double Share = 1, long Errors = 0, string Note = "")
{
    /// <summary>Server CPU in the window, as a share of its one core (NaN when not probed).</summary>
    public double ServerCpu { get; init; } = double.NaN;

    /// <summary>Generator CPU in the window, as a share of its one core (NaN when not probed).</summary>
    public double GeneratorCpu { get; init; } = double.NaN;

    /// <summary>True when the window ran on a server process started for it (the memory scenarios).</summary>
    public bool FreshProcess { get; init; }
}
