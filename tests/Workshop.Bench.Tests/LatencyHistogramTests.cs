using Workshop.Bench.Load.Stats;
using Xunit;

namespace Workshop.Bench.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Small_latencies_are_counted_exactly()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100; i++) histogram.Record(i);
        Assert.Equal(100, histogram.Count);
        Assert.Equal(99, histogram.Percentile(99));
        Assert.Equal(50, histogram.Percentile(50));
    }

    [Theory]
    [InlineData(1_500)]
    [InlineData(41_000)]
    [InlineData(13_600_000)]
    public void Large_latencies_are_reported_within_a_fifth_of_a_percent(long micros)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(micros);
        var reported = histogram.Percentile(99);
        Assert.InRange(reported, micros * 0.998, micros);
    }

    [Fact]
    public void Bucket_edges_round_trip_through_their_index()
    {
        for (long value = 1; value < 1L << 36; value = (value * 3 / 2) + 1)
        {
            var edge = LatencyHistogram.ValueOf(LatencyHistogram.IndexOf(value));
            Assert.InRange(edge, value * 0.998, value);
        }
    }

    [Fact]
    public void Percentile_99_sees_the_slow_tail()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 990; i++) histogram.Record(1_000);
        for (var i = 0; i < 10; i++) histogram.Record(500_000);
        Assert.Equal(1_000, histogram.Percentile(99));
        Assert.InRange(histogram.Percentile(99.5), 499_000, 500_000);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile() =>
        Assert.True(double.IsNaN(new LatencyHistogram().Percentile(99)));
}
