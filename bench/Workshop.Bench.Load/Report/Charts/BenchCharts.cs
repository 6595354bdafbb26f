using Workshop.Bench.Load.Stats;

namespace Workshop.Bench.Load.Report.Charts;

/// <summary>
/// The report's three pictures, drawn from the same medians as its tables (refused figures are not drawn):
/// latency percentiles per target, deliveries against offered load, memory per idle connection.
/// </summary>
internal static class BenchCharts
{
    public static readonly string[] Targets = ["reference", "node", "raw"];
    public static readonly string[] Names = ["reference", "Node peer", "raw limit"];

    /// <summary>File name → SVG text; a chart with nothing to show is left out.</summary>
    public static IReadOnlyDictionary<string, string> Render(RunRecord run)
    {
        var f = new Figures(run.Measurements);
        var ids = run.Measurements.Select(m => m.Scenario).Distinct().ToList();
        var charts = new Dictionary<string, string>();
        if (Latency(f, ids) is { } latency) charts["latency.svg"] = latency;
        if (Deliveries(f, ids) is { } deliveries) charts["deliveries.svg"] = deliveries;
        if (Memory(f, ids) is { } memory) charts["memory.svg"] = memory;
        return charts;
    }

    private static string? Latency(Figures f, List<string> ids)
    {
        var groups = new List<BarGroup>();
        foreach (var id in ids.Where(HasLatency))
        {
            foreach (var (name, metric) in new (string, Func<Scenarios.WindowResult, double>)[] { ("p50", r => r.P50Ms), ("p99", r => r.P99Ms) })
            {
                var values = Targets.Select(t => f.Checked(id, t, metric, Quantity.LatencyMs).Value).ToList();
                if (values.Any(v => !double.IsNaN(v))) groups.Add(new BarGroup($"{id} {name}", values));
            }
        }
        return groups.Count == 0 ? null : new BarChart("Latency percentiles per target (medians of the windows)", "ms", Names, groups, Log: true).Render();
    }

    private static string? Deliveries(Figures f, List<string> ids)
    {
        var points = new List<ScatterPoint>();
        foreach (var id in ids.Where(IsFanOut))
        {
            for (var i = 0; i < Targets.Length; i++)
            {
                var rate = f.Checked(id, Targets[i], r => r.Rate, Quantity.Rate).Value;
                var share = f.Checked(id, Targets[i], r => r.Share, Quantity.Share).Value;
                // The share is delivered ÷ offered, so rate ÷ share is the offered load (every client, per second).
                var offered = Percentiles.Ratio(rate, share);
                if (!double.IsNaN(offered) && rate > 0) points.Add(new ScatterPoint(Names[i], id, offered, rate));
            }
        }
        return points.Count == 0 ? null : new ScatterChart("Deliveries per second against offered load (WS broadcast and SSE fan-out)", "deliveries/s", Names, points).Render();
    }

    private static string? Memory(Figures f, List<string> ids)
    {
        var groups = ids.Where(id => id.StartsWith("mem-", StringComparison.Ordinal))
            .Select(id => new BarGroup(id == "mem-ws" ? "WebSocket" : id == "mem-sse" ? "SSE stream" : id, [.. Targets.Select(t => f.Memory(id, t).Value)]))
            .ToList();
        return groups.Count == 0 ? null
            : new BarChart("Memory per idle connection (RSS growth ÷ connections)", "KB", Names, groups, Log: false) { Marker = (8, "target ≤ 8 KB") }.Render();
    }

    private static bool HasLatency(string id) =>
        !id.StartsWith("mem-", StringComparison.Ordinal) && id != "sender" && !id.StartsWith(ScaleOutSection.Prefix, StringComparison.Ordinal);

    private static bool IsFanOut(string id) =>
        id.StartsWith("broadcast", StringComparison.Ordinal) || id.StartsWith("sse-", StringComparison.Ordinal) || id == "light-broadcast";
}
