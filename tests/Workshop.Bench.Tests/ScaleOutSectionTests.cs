using System.Text;
using Workshop.Bench.Load.Report;
using Workshop.Bench.Load.Scenarios;
using Xunit;

namespace Workshop.Bench.Tests;

public class ScaleOutSectionTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["broadcast clients"] = "1,000",
        ["broadcast rate"] = "200",
        ["sse rate"] = "100",
    };

    private static Measurement Window(string scenario, string target, int round, double rate, double p99, double share = 1, double cpu = 0.5, double generator = 0.3) =>
        new(scenario, target, round, new WindowResult(rate, p99 / 2, p99, share) { ServerCpu = cpu, GeneratorCpu = generator });

    [Fact]
    public void Deliveries_and_p99_of_two_instances_are_compared_with_one_as_a_ratio()
    {
        var f = new Figures([
            Window("scaleout-ws", "reference", 1, 200_000, 40),
            Window("scaleout-ws", "two-instances", 1, 150_000, 80, share: 0.75, cpu: 0.98),
        ]);
        var rows = ScaleOutSection.Rows(f, ["scaleout-ws"], Settings).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("| WS broadcast, 1,000 clients × 200 msg/s: deliveries/s | 200,000 | 150,000 | 0.75× |", rows[0]);
        Assert.Equal("| WS broadcast, 1,000 clients × 200 msg/s: share delivered in the window | 100.0 % | 75.0 % | — |", rows[1]);
        Assert.Equal("| WS broadcast, 1,000 clients × 200 msg/s: p99 publish-to-receive (ms) | 40.0 | 80.0 | 2.00× |", rows[2]);
        Assert.Equal("| WS broadcast, 1,000 clients × 200 msg/s: server-core CPU (instances + Redis) | 50.0 % | 98.0 % | — |", rows[3]);
    }

    [Fact]
    public void The_SSE_scenario_is_labelled_with_its_client_count_and_medians_are_over_rounds()
    {
        var f = new Figures([
            Window("scaleout-sse-1000", "reference", 1, 100_000, 10),
            Window("scaleout-sse-1000", "two-instances", 1, 90_000, 30),
            Window("scaleout-sse-1000", "two-instances", 2, 96_000, 50),
            Window("scaleout-sse-1000", "two-instances", 3, 99_000, 20),
        ]);
        var first = ScaleOutSection.Rows(f, ["scaleout-sse-1000", "scaleout-sse-1000"], Settings).First();
        Assert.Equal("| SSE 1,000 clients × 100 ev/s: deliveries/s | 100,000 | 96,000 | 0.96× |", first);
    }

    [Fact]
    public void A_generator_at_90_percent_marks_the_cell()
    {
        var f = new Figures([
            Window("scaleout-ws", "reference", 1, 200_000, 40, generator: 0.95),
            Window("scaleout-ws", "two-instances", 1, 200_000, 40),
        ]);
        Assert.StartsWith("| WS broadcast, 1,000 clients × 200 msg/s: deliveries/s | 200,000 ‡ | 200,000 | 1.00× |",
            ScaleOutSection.Rows(f, ["scaleout-ws"], Settings).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_two_instance_set_up_shows_dashes_not_a_ratio()
    {
        var f = new Figures([
            Window("scaleout-ws", "reference", 1, 200_000, 40),
            new Measurement("scaleout-ws", "two-instances", 1, null, "the scale-out check failed"),
        ]);
        Assert.Equal("| WS broadcast, 1,000 clients × 200 msg/s: deliveries/s | 200,000 | — | — |", ScaleOutSection.Rows(f, ["scaleout-ws"], Settings).First());
    }

    [Fact]
    public void Without_scale_out_scenarios_the_section_is_left_out()
    {
        var f = new Figures([Window("broadcast", "reference", 1, 200_000, 40)]);
        var md = new StringBuilder();
        ScaleOutSection.Append(md, f, ["broadcast", "echo"], Settings);
        Assert.Equal("", md.ToString());
    }

    [Fact]
    public void The_section_says_that_both_instances_and_Redis_share_one_core()
    {
        var f = new Figures([Window("scaleout-ws", "reference", 1, 200_000, 40), Window("scaleout-ws", "two-instances", 1, 200_000, 60)]);
        var md = new StringBuilder();
        ScaleOutSection.Append(md, f, ["scaleout-ws"], Settings);
        var text = md.ToString();
        Assert.Contains("## Scale-out: two reference instances on Redis", text, StringComparison.Ordinal);
        Assert.Contains("All three processes share the one server core", text, StringComparison.Ordinal);
        Assert.Contains("| figure | one instance (in memory) | two instances + Redis | two ÷ one |", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(160_000, 1.0, "met: 0.80× one instance, 100.0 % delivered")]
    [InlineData(159_000, 1.0, "**missed**: 0.80× one instance, 100.0 % delivered")]
    [InlineData(200_000, 0.999, "**missed**: 1.00× one instance, 99.9 % delivered")]
    public void Two_instances_meet_the_target_only_at_four_fifths_of_one_with_every_message_delivered(double twoRate, double twoShare, string verdict)
    {
        var f = new Figures([
            Window("scaleout-sse-1000", "reference", 1, 200_000, 10),
            Window("scaleout-sse-1000", "two-instances", 1, twoRate, 20, share: twoShare),
        ]);
        Assert.Equal(verdict, ScaleOutSection.Verdict(f, "scaleout-sse-1000"));
    }

    [Fact]
    public void A_two_instance_set_up_that_did_not_run_is_not_measured_rather_than_missed()
    {
        var f = new Figures([
            Window("scaleout-ws", "reference", 1, 200_000, 40),
            new Measurement("scaleout-ws", "two-instances", 1, null, "the scale-out check failed"),
        ]);
        Assert.Equal("not measured", ScaleOutSection.Verdict(f, "scaleout-ws"));
    }
}
