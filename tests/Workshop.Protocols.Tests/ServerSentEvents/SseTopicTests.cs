using Microsoft.Extensions.Logging.Abstractions;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Tests.ServerSentEvents;

public sealed class SseTopicTests
{
    [Fact]
    public void Ids_start_at_one_and_increase_per_topic()
    {
        var topic = NewTopic();

        Assert.Equal(1, topic.Publish(null, "a").Id);
        Assert.Equal(2, topic.Publish("score", "b").Id);
        Assert.Equal(2, topic.LastEventId);
        Assert.Equal(1, NewTopic().Publish(null, "other topic").Id);
    }

    [Theory]
    [InlineData("score\r")]
    [InlineData("score\ndata: forged")]
    [InlineData("sc\0ore")]
    public void Publish_refuses_an_event_name_with_CR_LF_or_NUL(string name)
    {
        var topic = NewTopic();

        Assert.Throws<ArgumentException>(() => topic.Publish(name, "data"));
        Assert.Equal(0, topic.LastEventId);
    }

    [Fact]
    public void Every_subscriber_receives_each_event_in_order()
    {
        var topic = NewTopic();
        using var first = topic.Subscribe(null);
        using var second = topic.Subscribe(null);

        topic.Publish(null, "a");
        topic.Publish(null, "b");

        Assert.Equal(["a", "b"], Drain(first).Select(e => e.Data));
        Assert.Equal(["a", "b"], Drain(second).Select(e => e.Data));
    }

    [Fact]
    public void A_slow_subscriber_is_dropped_when_its_queue_is_full_and_the_others_keep_receiving()
    {
        var topic = NewTopic(queueCapacity: 2);
        using var slow = topic.Subscribe(null);
        using var fast = topic.Subscribe(null);

        for (var i = 1; i <= 5; i++)
        {
            topic.Publish(null, $"e{i}");
            Assert.Single(Drain(fast));
        }

        Assert.Equal(SseSubscriptionEnd.TooSlow, slow.EndReason);
        Assert.Equal(["e1", "e2"], Drain(slow).Select(e => e.Data));
        Assert.True(slow.Events.Completion.IsCompleted);
        Assert.Null(fast.EndReason);
        Assert.Equal(1, topic.SubscriberCount);
    }

    [Fact]
    public void Disposing_a_subscription_unsubscribes_it()
    {
        var topic = NewTopic();
        var subscription = topic.Subscribe(null);
        Assert.Equal(1, topic.SubscriberCount);

        subscription.Dispose();

        Assert.Equal(0, topic.SubscriberCount);
        Assert.Equal(SseSubscriptionEnd.Unsubscribed, subscription.EndReason);
    }

    [Fact]
    public void DisconnectAll_ends_every_subscription_and_later_ones_still_work()
    {
        var topic = NewTopic();
        using var a = topic.Subscribe(null);
        using var b = topic.Subscribe(null);

        Assert.Equal(2, topic.DisconnectAll());

        Assert.Equal(SseSubscriptionEnd.Disconnected, a.EndReason);
        Assert.True(b.Events.Completion.IsCompleted);
        using var c = topic.Subscribe(null);
        topic.Publish(null, "after");
        Assert.Equal(["after"], Drain(c).Select(e => e.Data));
    }

    [Fact]
    public void A_resuming_subscriber_gets_the_replay_then_only_newer_live_events()
    {
        var topic = NewTopic();
        topic.Publish(null, "1");
        topic.Publish(null, "2");
        topic.Publish(null, "3");

        using var resumed = topic.Subscribe("1");
        topic.Publish(null, "4");

        Assert.Equal([2L, 3], resumed.Plan.Replay.Select(e => e.Id));
        Assert.Equal([4L], Drain(resumed).Select(e => e.Id));
    }

    [Fact]
    public void Topics_registry_creates_on_first_use_and_remove_ends_streams()
    {
        var topics = new SseTopics(Microsoft.Extensions.Options.Options.Create(new ServerSentEventsOptions()), NullLogger<SseTopic>.Instance, TimeProvider.System);
        Assert.False(topics.TryGet("t", out _));

        var topic = topics.Get("t");
        using var subscription = topic.Subscribe(null);

        Assert.Same(topic, topics.Get("t"));
        Assert.True(topics.Remove("t"));
        Assert.Equal(SseSubscriptionEnd.Disconnected, subscription.EndReason);
        Assert.Empty(topics.Names);
    }

    private static SseTopic NewTopic(int queueCapacity = 16, int logCapacity = 16)
        => new("test", new ServerSentEventsOptions { SubscriberQueueCapacity = queueCapacity, LogCapacity = logCapacity }, NullLogger.Instance);

    private static List<SseEvent> Drain(SseSubscription subscription)
    {
        var items = new List<SseEvent>();
        while (subscription.Events.TryRead(out var item)) items.Add(item);
        return items;
    }
}
