using Workshop.Bench.Load.Stats;
using Xunit;

namespace Workshop.Bench.Tests;

public class PercentilesTests
{
    [Fact]
    public void Median_of_an_odd_count_is_the_middle_sample_whatever_the_order() =>
        Assert.Equal(5, Percentiles.Median([9, 1, 5]));

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_samples() =>
        Assert.Equal(4.5, Percentiles.Median([10, 1, 4, 5]));

    [Fact]
    public void Median_ignores_missing_samples_and_is_missing_when_none_remain()
    {
        Assert.Equal(3, Percentiles.Median([double.NaN, 3]));
        Assert.True(double.IsNaN(Percentiles.Median([])));
    }

    [Fact]
    public void Percentile_is_nearest_rank()
    {
        double[] samples = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        Assert.Equal(99, Percentiles.Percentile(samples, 99));
        Assert.Equal(50, Percentiles.Percentile(samples, 50));
        Assert.Equal(100, Percentiles.Percentile(samples, 100));
        Assert.Equal(1, Percentiles.Percentile(samples, 0));
    }

    [Fact]
    public void Percentile_99_of_ten_samples_is_the_maximum() =>
        Assert.Equal(10, Percentiles.Percentile([.. Enumerable.Range(1, 10).Select(i => (double)i)], 99));

    [Fact]
    public void Percentile_outside_0_to_100_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Percentile([1], 101));

    [Fact]
    public void Ratio_divides_and_is_missing_for_zero_or_missing_input()
    {
        Assert.Equal(1.5, Percentiles.Ratio(3, 2));
        Assert.True(double.IsNaN(Percentiles.Ratio(3, 0)));
        Assert.True(double.IsNaN(Percentiles.Ratio(double.NaN, 2)));
    }
}
