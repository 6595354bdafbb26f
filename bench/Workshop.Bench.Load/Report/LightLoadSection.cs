using System.Globalization;
using System.Text;
using Workshop.Bench.Load.Scenarios;

namespace Workshop.Bench.Load.Report;

/// <summary>
/// The light-load table (issue 15): WS broadcast and paced echo far below saturation, where the reference has to be
/// cheap per operation and quick at the tail, not fast at the limit. Target for each: no more than the Node peer.
/// </summary>
internal static class LightLoadSection
{
    private static readonly string[] Targets = ["reference", "node", "raw"];

    /// <summary>Server CPU time per completed operation in the window, in µs (NaN when CPU was not probed).</summary>
    public static double MicrosPerOperation(WindowResult r) => r.Rate > 0 ? r.ServerCpu * 1_000_000 / r.Rate : double.NaN;

    public static void Append(StringBuilder md, Figures f, IReadOnlyDictionary<string, string> settings)
    {
        var rows = Rows(f, settings).ToList();
        md.AppendLine("## Light load: CPU per operation and the tail, below saturation").AppendLine();
        if (rows.Count == 0)
        {
            // Said, not left out: the issue's light-load targets must be visible even in a run that predates them.
            md.AppendLine("Not measured in this run (the light-load scenarios `light-broadcast` and `light-echo` are newer than it; " +
                "`bench/run.sh --only light` measures them). Target (issue 15): server CPU per delivery for WS broadcast " +
                "1,000 × 50 msg/s and per echo round trip at 10,000/s no more than the Node peer's.").AppendLine();
            return;
        }
        md.AppendLine("Server CPU per operation is the server's CPU time in the window divided by the operations completed in it " +
            "(deliveries for broadcast, round trips for echo): what serving one costs when the core is not the limit. " +
            "Target (issue 15): the reference no worse than the Node peer on both CPU per operation and p99.").AppendLine();
        md.AppendLine("| figure | reference | Node peer | raw limit | target | reference vs target |");
        md.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var row in rows) md.AppendLine(row);
        md.AppendLine();
    }

    public static IEnumerable<string> Rows(Figures f, IReadOnlyDictionary<string, string> s)
    {
        if (f.Has("light-broadcast"))
        {
            var load = $"WS broadcast, {s.GetValueOrDefault("light broadcast", "1,000 clients × 50 msg/s")}";
            yield return Row(f, "light-broadcast", load + ": server CPU per delivery (µs)", MicrosPerOperation, Quantity.MicrosPerOperation, Figures.Format, atMostNode: true);
            yield return Row(f, "light-broadcast", load + ": p99 publish-to-receive (ms)", r => r.P99Ms, Quantity.LatencyMs, Figures.Format, atMostNode: true);
            yield return Row(f, "light-broadcast", load + ": share delivered", r => r.Share, Quantity.Share, Figures.Percent, atMostNode: false);
            yield return Row(f, "light-broadcast", load + ": server CPU (share of its core)", r => r.ServerCpu, Quantity.Cpu, Figures.Percent, atMostNode: false);
        }
        if (f.Has("light-echo"))
        {
            var load = $"WS echo, {s.GetValueOrDefault("light echo", "10,000 round trips/s offered")}";
            yield return Row(f, "light-echo", load + ": server CPU per round trip (µs)", MicrosPerOperation, Quantity.MicrosPerOperation, Figures.Format, atMostNode: true);
            yield return Row(f, "light-echo", load + ": p99 round trip (ms)", r => r.P99Ms, Quantity.LatencyMs, Figures.Format, atMostNode: true);
            yield return Row(f, "light-echo", load + ": share of the offered round trips completed", r => r.Share, Quantity.Share, Figures.Percent, atMostNode: false);
            yield return Row(f, "light-echo", load + ": server CPU (share of its core)", r => r.ServerCpu, Quantity.Cpu, Figures.Percent, atMostNode: false);
        }
    }

    private static string Row(Figures f, string id, string label, Func<WindowResult, double> metric, Quantity quantity, Func<double, string> format, bool atMostNode)
    {
        var cells = Targets.Select(t => f.Checked(id, t, metric, quantity)).ToArray();
        var shown = Targets.Select((t, i) => cells[i].Show(format) + (cells[i].HasValue && f.Median(id, t, r => r.GeneratorCpu) >= 0.9 ? " ‡" : ""));
        var verdict = !atMostNode ? "—"
            : !cells[0].HasValue || !cells[1].HasValue ? "not measured"
            : cells[0].Value <= cells[1].Value
                ? $"met ({(cells[0].Value / cells[1].Value).ToString("0.00", CultureInfo.InvariantCulture)}× Node)"
                : $"**missed** ({(cells[0].Value / cells[1].Value).ToString("0.00", CultureInfo.InvariantCulture)}× Node)";
        return $"| {label} | {string.Join(" | ", shown)} | {(atMostNode ? "≤ Node" : "")} | {verdict} |";
    }
}
