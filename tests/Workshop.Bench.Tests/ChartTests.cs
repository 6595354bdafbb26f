using System.Xml.Linq;
using Workshop.Bench.Load.Report;
using Workshop.Bench.Load.Report.Charts;
using Workshop.Bench.Load.Scenarios;
using Xunit;

namespace Workshop.Bench.Tests;

public class ChartTests
{
    private static Measurement Window(string scenario, string target, double rate, double p50, double p99, double share = 1) =>
        new(scenario, target, 1, new WindowResult(rate, p50, p99, share));

    private static RunRecord Run(params Measurement[] measurements) =>
        new("full", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, [], [], [.. measurements], []);

    private static readonly RunRecord Sample = Run(
        Window("echo", "reference", 80_000, 1.2, 2.0),
        Window("echo", "node", 70_000, 1.3, 3.0),
        Window("broadcast", "reference", 200_000, 5, 14),
        Window("broadcast", "node", 72_000, 880, 1_490, share: 0.36),
        Window("sse-1000", "raw", 100_000, 3, 7),
        new Measurement("mem-ws", "reference", 1, new WindowResult(11.9, double.NaN, double.NaN) { FreshProcess = true }),
        new Measurement("mem-ws", "raw", 1, new WindowResult(-0.47, double.NaN, double.NaN) { FreshProcess = true }));

    [Fact]
    public void A_run_gives_three_well_formed_svg_files_with_no_script_and_no_external_reference()
    {
        var charts = BenchCharts.Render(Sample);
        Assert.Equal(["deliveries.svg", "latency.svg", "memory.svg"], charts.Keys.Order());
        foreach (var svg in charts.Values)
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName is "script" or "image" or "foreignObject" or "a");
            Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_run_draws_the_same_bytes() =>
        Assert.Equal(BenchCharts.Render(Sample), BenchCharts.Render(Sample));

    [Fact]
    public void The_latency_chart_has_a_p50_and_a_p99_bar_per_measured_target_and_scenario()
    {
        var svg = XDocument.Parse(BenchCharts.Render(Sample)["latency.svg"]);
        var bars = svg.Descendants().Where(e => e.Name.LocalName == "rect").Select(r => r.Value).Where(t => t.Length > 0).ToList();
        Assert.Contains("reference, echo p99: 2.00 ms", bars);
        Assert.Contains("Node peer, broadcast p99: 1,490 ms", bars);
        Assert.Contains("raw limit, sse-1000 p50: 3.00 ms", bars);
        Assert.Equal(10, bars.Count);
    }

    [Fact]
    public void The_deliveries_chart_puts_a_point_that_missed_below_its_offered_load()
    {
        var svg = XDocument.Parse(BenchCharts.Render(Sample)["deliveries.svg"]);
        var points = svg.Descendants().Where(e => e.Name.LocalName == "circle").Select(c => c.Value).ToList();
        Assert.Contains("Node peer, broadcast: 72,000 of 200,000 deliveries/s", points);
        Assert.Contains("reference, broadcast: 200,000 of 200,000 deliveries/s", points);
        Assert.DoesNotContain(points, p => p.Contains("echo", StringComparison.Ordinal));
    }

    [Fact]
    public void A_memory_figure_the_report_refuses_is_not_drawn_as_a_bar()
    {
        var svg = BenchCharts.Render(Sample)["memory.svg"];
        Assert.Contains("reference, WebSocket: 11.9 KB", svg, StringComparison.Ordinal);
        Assert.Contains("raw limit: not measured", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("-0.47", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_shows_the_charts_above_the_tables()
    {
        var markdown = MarkdownReport.Render(Run(Window("echo", "reference", 1, 1, 1)) with
        {
            Settings = new() { ["echo clients"] = "100", ["broadcast clients"] = "1,000", ["broadcast rate"] = "200", ["sse rate"] = "100", ["webhook connections"] = "64" },
        }, "", ["bench/latency.svg"]);
        var chart = markdown.IndexOf("](bench/latency.svg)", StringComparison.Ordinal);
        Assert.InRange(chart, 0, markdown.IndexOf("## Results", StringComparison.Ordinal));
    }
}
