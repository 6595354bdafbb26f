using Workshop.Bench.Load.Report;
using Workshop.Bench.Load.Scenarios;
using Xunit;

namespace Workshop.Bench.Tests;

public class LightLoadSectionTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["light broadcast"] = "1,000 clients × 50 msg/s",
        ["light echo"] = "10,000 round trips/s offered by 100 clients",
    };

    private static Measurement Window(string scenario, string target, double rate, double cpu, double p99, double share = 1) =>
        new(scenario, target, 1, new WindowResult(rate, p99 / 2, p99, share) { ServerCpu = cpu, GeneratorCpu = 0.3 });

    [Fact]
    public void CPU_per_delivery_is_the_windows_server_CPU_divided_by_its_deliveries() =>
        Assert.Equal(14.0, LightLoadSection.MicrosPerOperation(new WindowResult(50_000, 1, 1) { ServerCpu = 0.70 }), 6);

    [Fact]
    public void The_reference_above_Node_on_CPU_per_delivery_is_a_miss_and_below_on_p99_is_met()
    {
        var f = new Figures([
            Window("light-broadcast", "reference", 50_000, 0.70, 15),
            Window("light-broadcast", "node", 50_000, 0.56, 17),
            Window("light-broadcast", "raw", 50_000, 0.47, 9),
        ]);
        var rows = LightLoadSection.Rows(f, Settings).ToList();
        Assert.Equal("| WS broadcast, 1,000 clients × 50 msg/s: server CPU per delivery (µs) | 14.0 | 11.2 | 9.40 | ≤ Node | **missed** (1.25× Node) |", rows[0]);
        Assert.Equal("| WS broadcast, 1,000 clients × 50 msg/s: p99 publish-to-receive (ms) | 15.0 | 17.0 | 9.00 | ≤ Node | met (0.88× Node) |", rows[1]);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void Without_a_Node_figure_the_verdict_is_not_measured_rather_than_met()
    {
        var f = new Figures([Window("light-echo", "reference", 10_000, 0.2, 1)]);
        var first = LightLoadSection.Rows(f, Settings).First();
        Assert.EndsWith("| ≤ Node | not measured |", first);
        Assert.StartsWith("| WS echo, 10,000 round trips/s offered by 100 clients: server CPU per round trip (µs) | 20.0 |", first);
    }

    [Fact]
    public void A_window_without_completed_operations_has_no_CPU_per_operation() =>
        Assert.True(double.IsNaN(LightLoadSection.MicrosPerOperation(new WindowResult(0, 1, 1) { ServerCpu = 0.1 })));

    [Fact]
    public void A_run_without_light_load_says_so_under_its_heading_instead_of_leaving_the_table_out()
    {
        var md = new System.Text.StringBuilder();
        LightLoadSection.Append(md, new Figures([Window("echo", "reference", 1, 1, 1)]), Settings);
        Assert.Contains("## Light load", md.ToString(), StringComparison.Ordinal);
        Assert.Contains("Not measured in this run", md.ToString(), StringComparison.Ordinal);
    }
}
