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
    /// The median of the windows whose value is possible; when every window's value was refused, no value and the
    /// first window's reason (see <see cref="Plausibility"/>).
    /// </summary>
    public Cell Checked(string scenario, string target, Func<WindowResult, double> metric, Quantity quantity) =>
        Checked(Windows(scenario, target), metric, quantity);

    /// <summary>
    /// Memory per idle connection: the median over rounds when every round ran on a fresh process, otherwise the
    /// first round only (the only fresh one: later rounds reuse memory the previous round freed, so they understate).
    /// </summary>
    public Cell Memory(string scenario, string target)
    {
        var windows = Windows(scenario, target).ToList();
        if (!windows.All(r => r.FreshProcess)) windows = windows.Take(1).ToList();
        return Checked(windows, r => r.Rate, Quantity.KbPerConnection);
    }

    private IEnumerable<WindowResult> Windows(string scenario, string target) => measurements
        .Where(m => m.Scenario == scenario && m.Target == target && m.Result is not null)
        .OrderBy(m => m.Round)
        .Select(m => m.Result!);

    private static Cell Checked(IEnumerable<WindowResult> windows, Func<WindowResult, double> metric, Quantity quantity)
    {
        var values = windows.Select(metric).ToList();
        var possible = values.Where(v => Plausibility.WhyImpossible(quantity, v) is null).ToList();
        var median = Percentiles.Median(possible);
        if (!double.IsNaN(median)) return new Cell(median);
        var refused = values.Select(v => Plausibility.WhyImpossible(quantity, v)).FirstOrDefault(why => why is not null);
        return refused is null ? Cell.Missing : new Cell(double.NaN, refused);
    }

    public bool Has(string scenario) => measurements.Any(m => m.Scenario == scenario);

    public IEnumerable<string> Failures() => measurements
        .Where(m => m.Failure is not null)
        .Select(m => $"{m.Scenario} / {m.Target} / round {m.Round}: {m.Failure}")
        .Distinct();

    /// <summary>"met (1.23×, 23 % above)" or "missed by 12 %" for a higher-is-better figure against a floor.</summary>
    public static string AtLeast(Cell cell, double floor, string unit = "") => cell.NotMeasured is { } why ? "not measured: " + why : AtLeast(cell.Value, floor, unit);

    public static string AtMost(Cell cell, double ceiling, string unit = "") => cell.NotMeasured is { } why ? "not measured: " + why : AtMost(cell.Value, ceiling, unit);

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
