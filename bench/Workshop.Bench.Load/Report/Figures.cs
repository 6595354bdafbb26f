using Workshop.Bench.Load.Scenarios;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Report;

/// <summary>Medians over the windows of one scenario and target, and the targets' verdicts.</summary>
internal sealed class Figures(IReadOnlyList<Measurement> measurements)
{
    public double Median(string scenario, string target, Func<WindowResult, double> metric) =>
        Percentiles.Median(measurements
            .Where(m => m.Scenario == scenario && m.Target == target && m.Result is not null)
            .Select(m => metric(m.Result!)));

    /// <summary>
    /// The first round's value: for memory, the only round on a fresh process (later rounds reuse memory the
    /// previous round freed, which both Node and .NET keep, so their deltas understate).
    /// </summary>
    public double FirstRound(string scenario, string target, Func<WindowResult, double> metric) =>
        measurements
            .Where(m => m.Scenario == scenario && m.Target == target && m.Round == 1 && m.Result is not null)
            .Select(m => metric(m.Result!))
            .DefaultIfEmpty(double.NaN)
            .First();

    public bool Has(string scenario) => measurements.Any(m => m.Scenario == scenario);

    public IEnumerable<string> Failures() => measurements
        .Where(m => m.Failure is not null)
        .Select(m => $"{m.Scenario} / {m.Target} / round {m.Round}: {m.Failure}")
        .Distinct();

    /// <summary>"met (1.23×, 23 % above)" or "missed by 12 %" for a higher-is-better figure against a floor.</summary>
    public static string AtLeast(double value, double floor, string unit = "") =>
        double.IsNaN(value) ? "not measured"
        : value >= floor ? $"met: {Format(value)}{unit} vs ≥ {Format(floor)}{unit} ({(value / floor - 1) * 100:0} % above)"
        : $"**missed** by {(1 - value / floor) * 100:0} %: {Format(value)}{unit} vs ≥ {Format(floor)}{unit}";

    /// <summary>The same for a lower-is-better figure against a ceiling.</summary>
    public static string AtMost(double value, double ceiling, string unit = "") =>
        double.IsNaN(value) ? "not measured"
        : value <= ceiling ? $"met: {Format(value)}{unit} vs ≤ {Format(ceiling)}{unit} ({(1 - value / ceiling) * 100:0} % below)"
        : $"**missed** by {(value / ceiling - 1) * 100:0} %: {Format(value)}{unit} vs ≤ {Format(ceiling)}{unit}";

    public static string Format(double value) =>
        double.IsNaN(value) ? "—"
        : Math.Abs(value) >= 1000 ? value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 100 ? value.ToString("0", System.Globalization.CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string Percent(double share) =>
        double.IsNaN(share) ? "—" : (share * 100).ToString(share >= 0.9995 && share < 1 ? "0.00" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
