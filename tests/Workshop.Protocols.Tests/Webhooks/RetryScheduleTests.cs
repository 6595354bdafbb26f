using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public class RetryScheduleTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(5);

    [Fact]
    public void Ceiling_doubles_each_attempt_until_the_maximum()
    {
        var schedule = new RetrySchedule(Base, TimeSpan.FromSeconds(30), 10);
        Assert.Equal(
            new[] { 5.0, 10, 20, 30, 30 },
            Enumerable.Range(1, 5).Select(n => schedule.Ceiling(n).TotalSeconds));
    }

    [Theory]
    [InlineData(0.0, 2.5)]
    [InlineData(0.5, 3.75)]
    [InlineData(0.999, 4.9975)]
    public void Jitter_keeps_the_delay_between_half_and_all_of_the_ceiling(double random, double expectedSeconds)
    {
        var schedule = new RetrySchedule(Base, TimeSpan.FromMinutes(1), 5, () => random);
        Assert.Equal(expectedSeconds, schedule.NextDelay(1)!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void Jittered_delays_spread_out_rather_than_retrying_in_lockstep()
    {
        var schedule = new RetrySchedule(Base, TimeSpan.FromMinutes(1), 5);
        var delays = Enumerable.Range(0, 50).Select(_ => schedule.NextDelay(3)!.Value).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)));
        Assert.True(delays.Distinct().Count() > 10);
    }

    [Fact]
    public void No_delay_remains_after_the_last_attempt()
    {
        var schedule = new RetrySchedule(Base, TimeSpan.FromMinutes(1), 3, () => 0.5);
        Assert.NotNull(schedule.NextDelay(2));
        Assert.Null(schedule.NextDelay(3));
    }

    [Fact]
    public void Next_attempt_time_follows_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var schedule = new RetrySchedule(Base, TimeSpan.FromMinutes(1), 5, () => 1.0);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), schedule.NextAttemptAt(2, clock));
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(20), schedule.NextAttemptAt(3, clock));
        Assert.Null(schedule.NextAttemptAt(5, clock));
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 0 ", 0)]
    [InlineData("Thu, 01 Jan 2026 00:01:30 GMT", 90)]
    [InlineData("Wed, 31 Dec 2025 23:00:00 GMT", 0)]
    public void Retry_after_reads_seconds_and_http_dates(string header, int expectedSeconds)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(RetryAfter.TryParse(header, now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("tomorrow")]
    public void Retry_after_refuses_values_it_cannot_read(string? header)
        => Assert.False(RetryAfter.TryParse(header, DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture), out _));
}
