using System.Globalization;
using System.Text;
using Workshop.Bench.Load.Hosting;
using Workshop.Bench.Load.Scenarios;
using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Report;

/// <summary>
/// The scale-out table: the reference at one instance (in memory) against two instances joined by Redis, under
/// the same load in the same scenario, with the two ÷ one ratio. Left out when the run has no scale-out scenario.
/// </summary>
internal static class ScaleOutSection
{
    public const string Prefix = "scaleout-";
    private const string One = "reference";
    private static readonly string Two = ScaleOutSetUp.Create().Key;

    public static void Append(StringBuilder md, Figures f, IEnumerable<string> scenarioIds, IReadOnlyDictionary<string, string> settings)
    {
        var rows = Rows(f, scenarioIds, settings).ToList();
        if (rows.Count == 0) return;
        md.AppendLine("## Scale-out: two reference instances on Redis (reference only)").AppendLine();
        md.AppendLine("Two bench hosts with `Redis__Configuration` set (the Redis backplane of docs/scale-out.md) and a dedicated " +
            "`redis-server` without persistence. Clients alternate between instance A and B; every publish goes to A, so " +
            "half the deliveries cross Redis. **All three processes share the one server core** (as the single instance " +
            "has it alone), so this measures the backplane's cost on a fixed CPU budget, not the gain of a second machine. " +
            "The Node peers have no backplane and are not in this table.").AppendLine();
        md.AppendLine("| figure | one instance (in memory) | two instances + Redis | two ÷ one |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var row in rows) md.AppendLine(row);
        md.AppendLine();
        md.AppendLine($"Target (issue 15): two instances deliver at least {Floor:0.0}× the one instance's rate, with every message delivered.").AppendLine();
        foreach (var id in scenarioIds.Where(id => id.StartsWith(Prefix, StringComparison.Ordinal)).Distinct())
        {
            md.AppendLine($"- {Load(id, settings)}: {Verdict(f, id)}");
        }
        md.AppendLine();
    }

    /// <summary>The floor of two ÷ one on deliveries per second.</summary>
    public const double Floor = 0.8;

    /// <summary>Met only when the ratio reaches the floor and the two instances' median share delivered is 100 %.</summary>
    public static string Verdict(Figures f, string id)
    {
        var one = f.Checked(id, One, r => r.Rate, Quantity.Rate);
        var two = f.Checked(id, Two, r => r.Rate, Quantity.Rate);
        var share = f.Checked(id, Two, r => r.Share, Quantity.Share);
        if (!one.HasValue || !two.HasValue || !share.HasValue) return "not measured";
        var ratio = two.Value / one.Value;
        var everything = share.Value >= 1 - 1e-9;
        var shown = $"{ratio.ToString("0.00", CultureInfo.InvariantCulture)}× one instance, {Figures.Percent(share.Value)} delivered";
        return ratio >= Floor && everything ? "met: " + shown : "**missed**: " + shown;
    }

    /// <summary>Four rows per scale-out scenario: deliveries/s, share delivered, p99 and server CPU (both instances + Redis).</summary>
    public static IEnumerable<string> Rows(Figures f, IEnumerable<string> scenarioIds, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var id in scenarioIds.Where(id => id.StartsWith(Prefix, StringComparison.Ordinal)).Distinct())
        {
            var load = Load(id, settings);
            yield return Row(f, id, load + ": deliveries/s", r => r.Rate, Figures.Format, ratio: true);
            yield return Row(f, id, load + ": share delivered in the window", r => r.Share, Figures.Percent, ratio: false);
            yield return Row(f, id, load + ": p99 publish-to-receive (ms)", r => r.P99Ms, Figures.Format, ratio: true);
            yield return Row(f, id, load + ": server-core CPU (instances + Redis)", r => r.ServerCpu, Figures.Percent, ratio: false);
        }
    }

    private static string Load(string id, IReadOnlyDictionary<string, string> s) =>
        id == Prefix + "ws"
            ? $"WS broadcast, {s.GetValueOrDefault("broadcast clients", "?")} clients × {s.GetValueOrDefault("broadcast rate", "?")} msg/s"
            : id.StartsWith(Prefix + "sse-", StringComparison.Ordinal) && int.TryParse(id[(Prefix.Length + 4)..], CultureInfo.InvariantCulture, out var clients)
                ? $"SSE {clients:N0} clients × {s.GetValueOrDefault("sse rate", "?")} ev/s"
                : id;

    private static string Row(Figures f, string id, string label, Func<WindowResult, double> metric, Func<double, string> format, bool ratio)
    {
        var one = f.Median(id, One, metric);
        var two = f.Median(id, Two, metric);
        string Cell(string target, double value) => format(value) + (f.Median(id, target, r => r.GeneratorCpu) >= 0.9 ? " ‡" : "");
        var ratioCell = ratio && !double.IsNaN(Percentiles.Ratio(two, one)) ? Percentiles.Ratio(two, one).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";
        return $"| {label} | {Cell(One, one)} | {Cell(Two, two)} | {ratioCell} |";
    }
}
