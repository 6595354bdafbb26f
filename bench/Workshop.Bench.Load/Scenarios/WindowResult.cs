namespace Workshop.Bench.Load.Scenarios;

/// <summary>
/// What one measured window gave: a rate per second, latency percentiles in milliseconds, the share of
/// expected deliveries that arrived (1 when not applicable) and the errors seen.
/// </summary>
internal sealed record WindowResult(double Rate, double P50Ms, double P99Ms, double Share = 1, long Errors = 0, string Note = "");
