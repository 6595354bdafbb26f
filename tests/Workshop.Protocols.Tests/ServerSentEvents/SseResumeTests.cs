using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseResumeTests
{
    // A topic that published 10 events and keeps the last 4: ids 7..10.
    private static readonly SseEventLog Log = SseEventLogTests.Filled(capacity: 4, count: 10);

    [Fact]
    public void No_last_id_means_live_events_only()
    {
        var plan = SseResume.Decide(null, Log, latestId: 10);

        Assert.Equal(SseResumeKind.Live, plan.Kind);
        Assert.Empty(plan.Replay);
    }

    [Theory]
    [InlineData("8", new long[] { 9, 10 })]
    [InlineData("6", new long[] { 7, 8, 9, 10 })]
    [InlineData("10", new long[0])]
    [InlineData(" 9 ", new long[] { 10 })]
    public void An_id_the_log_still_covers_replays_exactly_the_missed_events(string lastId, long[] expected)
    {
        var plan = SseResume.Decide(lastId, Log, latestId: 10);

        Assert.Equal(SseResumeKind.Replay, plan.Kind);
        Assert.Equal(expected, plan.Replay.Select(e => e.Id));
    }

    [Fact]
    public void An_id_older_than_the_log_gets_a_too_old_reset_and_the_whole_log()
    {
        var plan = SseResume.Decide("5", Log, latestId: 10);

        Assert.Equal(SseResumeKind.Reset, plan.Kind);
        Assert.Equal(SseResumePlan.TooOld, plan.ResetReason);
        Assert.Equal(6, plan.ResumeFromId);
        Assert.Equal([7L, 8, 9, 10], plan.Replay.Select(e => e.Id));
    }

    [Fact]
    public void An_id_beyond_the_latest_gets_a_future_reset()
    {
        var plan = SseResume.Decide("11", Log, latestId: 10);

        Assert.Equal(SseResumePlan.Future, plan.ResetReason);
        Assert.Equal([7L, 8, 9, 10], plan.Replay.Select(e => e.Id));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public void An_id_that_is_not_a_non_negative_integer_gets_an_invalid_reset(string lastId)
    {
        var plan = SseResume.Decide(lastId, Log, latestId: 10);

        Assert.Equal(SseResumeKind.Reset, plan.Kind);
        Assert.Equal(SseResumePlan.Invalid, plan.ResetReason);
    }

    [Fact]
    public void Zero_on_a_topic_that_lost_nothing_replays_everything()
    {
        var log = SseEventLogTests.Filled(capacity: 5, count: 3);

        var plan = SseResume.Decide("0", log, latestId: 3);

        Assert.Equal(SseResumeKind.Replay, plan.Kind);
        Assert.Equal([1L, 2, 3], plan.Replay.Select(e => e.Id));
    }

    [Fact]
    public void A_future_id_on_an_empty_topic_resets_to_zero()
    {
        var plan = SseResume.Decide("42", new SseEventLog(3), latestId: 0);

        Assert.Equal(SseResumePlan.Future, plan.ResetReason);
        Assert.Equal(0, plan.ResumeFromId);
        Assert.Empty(plan.Replay);
    }
}
