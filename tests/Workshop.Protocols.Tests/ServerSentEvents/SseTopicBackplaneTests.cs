using Microsoft.Extensions.Logging.Abstractions;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

/// <summary>How a topic follows a shared backplane (the Redis one's logic, without Redis).</summary>
public sealed class SseTopicBackplaneTests
{
    private readonly SharedStoreBackplane _backplane = new();

    [Fact]
    public async Task A_new_topic_starts_from_the_shared_history_so_a_client_of_another_instance_resumes()
    {
        for (var i = 1; i <= 5; i++) _backplane.AppendElsewhere($"e{i}");
        var topic = NewTopic();

        using var subscription = await topic.SubscribeAsync("2");

        Assert.Equal(SseResumeKind.Replay, subscription.Plan.Kind);
        Assert.Equal([3L, 4L, 5L], subscription.Plan.Replay.Select(e => e.Id));
        Assert.Equal(5, topic.LastEventId);
    }

    [Fact]
    public async Task An_event_heard_after_a_missed_one_fills_the_gap_from_the_store_in_order()
    {
        var topic = NewTopic();
        using var subscription = await topic.SubscribeAsync(null);
        var first = _backplane.AppendElsewhere("one");
        _backplane.AppendElsewhere("two"); // its channel message is lost
        var third = _backplane.AppendElsewhere("three");

        await _backplane.HearAsync(first);
        await _backplane.HearAsync(third);

        Assert.Equal(["one", "two", "three"], Drain(subscription).Select(e => e.Data));
    }

    [Fact]
    public async Task A_publish_first_applies_what_other_instances_stored_before_it_and_this_one_has_not_heard_yet()
    {
        var topic = NewTopic();
        using var subscription = await topic.SubscribeAsync(null);
        var elsewhere = _backplane.AppendElsewhere("from another instance"); // stored, its channel message not here yet

        var mine = await topic.PublishAsync(null, "mine");
        await _backplane.HearAsync(elsewhere); // arrives late: already applied, not delivered again

        Assert.Equal(elsewhere.Id + 1, mine.Id);
        Assert.Equal(["from another instance", "mine"], Drain(subscription).Select(e => e.Data));
    }

    [Fact]
    public async Task An_event_heard_twice_or_late_is_delivered_once()
    {
        var topic = NewTopic();
        using var subscription = await topic.SubscribeAsync(null);
        var mine = await topic.PublishAsync(null, "mine"); // applied at once; the channel echoes it later
        var theirs = _backplane.AppendElsewhere("theirs");

        await _backplane.HearAsync(theirs);
        await _backplane.HearAsync(mine);
        await _backplane.HearAsync(theirs);

        Assert.Equal([1L, 2L], Drain(subscription).Select(e => e.Id));
    }

    [Fact]
    public async Task A_client_from_an_instance_that_is_ahead_gets_a_replay_not_a_future_reset()
    {
        var topic = NewTopic();
        _backplane.AppendElsewhere("not heard yet");
        _backplane.AppendElsewhere("not heard yet either");

        using var subscription = await topic.SubscribeAsync("1");

        Assert.Equal(SseResumeKind.Replay, subscription.Plan.Kind);
        Assert.Equal([2L], subscription.Plan.Replay.Select(e => e.Id));
    }

    [Fact]
    public async Task While_the_store_is_unreachable_events_are_numbered_and_delivered_locally_and_later_ids_stay_above_them()
    {
        var topic = NewTopic();
        using var subscription = await topic.SubscribeAsync(null);
        await topic.PublishAsync(null, "before");
        _backplane.Reachable = false;

        Assert.Equal(2, (await topic.PublishAsync(null, "during")).Id);
        Assert.Equal(3, (await topic.PublishAsync(null, "during")).Id);
        _backplane.Reachable = true;

        Assert.Equal(4, (await topic.PublishAsync(null, "after")).Id); // the floor: no id a client holds is reused
        Assert.Equal([1L, 2L, 3L, 4L], Drain(subscription).Select(e => e.Id));
    }

    [Fact]
    public void Removing_a_topic_ends_its_backplane_subscription()
    {
        var topics = new SseTopics(Microsoft.Extensions.Options.Options.Create(new ServerSentEventsOptions()), NullLogger<SseTopic>.Instance, TimeProvider.System, _backplane);
        topics.Get("t");
        Assert.Equal(1, _backplane.Subscriptions);

        Assert.True(topics.Remove("t"));

        Assert.Equal(0, _backplane.Subscriptions);
    }

    [Fact]
    public void A_shared_topic_refuses_the_synchronous_publish_and_subscribe_that_would_block_on_the_network()
    {
        var topic = NewTopic();
        Assert.Contains("PublishAsync", Assert.Throws<InvalidOperationException>(() => topic.Publish(null, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("SubscribeAsync", Assert.Throws<InvalidOperationException>(() => topic.Subscribe(null)).Message, StringComparison.Ordinal);
        Assert.Equal(0, topic.LastEventId); // nothing published
    }

    private SseTopic NewTopic() => new("t", new ServerSentEventsOptions { LogCapacity = 100 }, NullLogger.Instance, _backplane);

    private static List<SseEvent> Drain(SseSubscription subscription)
    {
        var events = new List<SseEvent>();
        while (subscription.Events.TryRead(out var item)) events.Add(item);
        return events;
    }
}
