using Workshop.Bench.Load.Report;
using Workshop.Bench.Load.Scenarios;
using Xunit;

namespace Workshop.Bench.Tests;

public class PlausibilityTests
{
    private static Measurement Memory(string scenario, string target, int round, double kb, bool fresh) =>
        new(scenario, target, round, new WindowResult(kb, double.NaN, double.NaN, 1, 0, "RSS") { FreshProcess = fresh });

    private static RunRecord Run(params Measurement[] measurements) => new("full", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        [], [], [.. measurements], new() { ["echo clients"] = "100", ["broadcast clients"] = "1,000", ["broadcast rate"] = "200", ["sse rate"] = "100", ["webhook connections"] = "64" });

    [Theory]
    [InlineData(Quantity.KbPerConnection, -0.47)]
    [InlineData(Quantity.KbPerConnection, 0)]
    [InlineData(Quantity.Share, 1.2)]
    [InlineData(Quantity.Share, -0.1)]
    [InlineData(Quantity.Cpu, 1.5)]
    [InlineData(Quantity.Cpu, -0.01)]
    [InlineData(Quantity.Rate, -5)]
    [InlineData(Quantity.LatencyMs, -1)]
    [InlineData(Quantity.MicrosPerOperation, 0)]
    [InlineData(Quantity.Rate, double.PositiveInfinity)]
    public void A_value_no_measurement_can_give_is_refused_with_a_reason(Quantity quantity, double value) =>
        Assert.False(string.IsNullOrWhiteSpace(Plausibility.WhyImpossible(quantity, value)));

    [Theory]
    [InlineData(Quantity.KbPerConnection, 0.4)]
    [InlineData(Quantity.Share, 1)]
    [InlineData(Quantity.Share, 0)]
    [InlineData(Quantity.Cpu, 1.04)]
    [InlineData(Quantity.Rate, 0)]
    [InlineData(Quantity.LatencyMs, 0)]
    [InlineData(Quantity.MicrosPerOperation, 12.5)]
    [InlineData(Quantity.Rate, double.NaN)]
    public void A_possible_or_missing_value_is_accepted(Quantity quantity, double value) =>
        Assert.Null(Plausibility.WhyImpossible(quantity, value));

    [Fact]
    public void The_raw_peers_negative_SSE_memory_is_printed_as_not_measured_and_gets_no_ratio()
    {
        var markdown = MarkdownReport.Render(Run(
            Memory("mem-sse", "reference", 1, 16.3352, fresh: false),
            Memory("mem-sse", "node", 1, 23.4152, fresh: false),
            Memory("mem-sse", "raw", 1, -0.4672, fresh: false)), "");
        var row = markdown.Split('\n').Single(l => l.StartsWith("| SSE memory per idle connection", StringComparison.Ordinal));
        Assert.Contains("not measured: RSS did not grow", row, StringComparison.Ordinal);
        Assert.DoesNotContain("-0.47", row, StringComparison.Ordinal);
        Assert.DoesNotContain("-34", row, StringComparison.Ordinal);
        Assert.EndsWith("| 0.70× | — |", row.TrimEnd());
        Assert.DoesNotContain("| -0.47 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_is_the_median_of_fresh_rounds_without_the_refused_ones()
    {
        var f = new Figures([
            Memory("mem-ws", "raw", 1, 6.0, fresh: true),
            Memory("mem-ws", "raw", 2, -1.0, fresh: true),
            Memory("mem-ws", "raw", 3, 7.0, fresh: true),
        ]);
        Assert.Equal(new Cell(6.5), f.Memory("mem-ws", "raw"));
    }

    [Fact]
    public void Memory_of_a_run_whose_later_rounds_reused_the_process_is_its_first_round_only()
    {
        var f = new Figures([
            Memory("mem-ws", "node", 1, 8.4, fresh: false),
            Memory("mem-ws", "node", 2, -1.1, fresh: false),
            Memory("mem-ws", "node", 3, 5.7, fresh: false),
        ]);
        Assert.Equal(new Cell(8.4), f.Memory("mem-ws", "node"));
    }

    [Fact]
    public void A_target_whose_every_window_was_refused_has_no_value_and_says_why()
    {
        var f = new Figures([Memory("mem-sse", "raw", 1, -0.47, fresh: true)]);
        var cell = f.Memory("mem-sse", "raw");
        Assert.False(cell.HasValue);
        Assert.StartsWith("not measured: ", cell.Show(Figures.Format), StringComparison.Ordinal);
        Assert.StartsWith("not measured: ", Figures.AtMost(cell, 8, " KB"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_above_one_is_left_out_of_the_median_of_the_other_windows()
    {
        var f = new Figures([
            new Measurement("broadcast", "node", 1, new WindowResult(1, 1, 1, Share: 1.4)),
            new Measurement("broadcast", "node", 2, new WindowResult(1, 1, 1, Share: 0.9)),
        ]);
        Assert.Equal(0.9, f.Checked("broadcast", "node", r => r.Share, Quantity.Share).Value);
    }

    [Fact]
    public void A_window_whose_generator_was_at_least_90_percent_busy_is_marked_in_the_window_table()
    {
        var markdown = MarkdownReport.Render(Run(
            new Measurement("echo", "node", 1, new WindowResult(70_000, 1, 3) { ServerCpu = 0.98, GeneratorCpu = 0.97 }),
            new Measurement("echo", "node", 2, new WindowResult(71_000, 1, 3) { ServerCpu = 0.98, GeneratorCpu = 0.5 })), "");
        var windows = markdown.Split('\n').Where(l => l.StartsWith("| echo | node |", StringComparison.Ordinal)).ToList();
        Assert.Contains("| 97.0 % ‡ |", windows[0], StringComparison.Ordinal);
        Assert.DoesNotContain("‡", windows[1], StringComparison.Ordinal);
    }
}
