using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workshop.Playground.Features.LiveFeed;
using Workshop.Protocols.Scaling;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Tests;

/// <summary>
/// The live feed's one publisher across instances: what it does with each answer of its lease, tick by tick (a scripted
/// lease stands for Redis; the shared stream is the topic). Two instances and a real Redis restart are in Workshop.Redis.Tests.
/// </summary>
public sealed class LiveFeedLeaseTests
{
    [Fact]
    public async Task After_an_outage_the_instance_that_holds_the_lease_again_goes_on_from_the_shared_stream_not_from_its_own_minute()
    {
        var lease = new ScriptedLease(LeaseHold.Held, LeaseHold.Held, LeaseHold.Alone, LeaseHold.Held, LeaseHold.Held);
        var (publisher, topic) = Create(lease);
        await publisher.TickAsync(topic, CancellationToken.None); // takes the lease: minute 1
        await publisher.TickAsync(topic, CancellationToken.None); // Redis away: serves its own clients, minute 2
        Assert.Equal(2, LastScore(topic).Minute);

        // Meanwhile another instance went on with the match in the shared stream.
        await topic.PublishJsonAsync("score", new { match = "Lions v Tigers", minute = 40, home = 2, away = 1 });
        await publisher.TickAsync(topic, CancellationToken.None); // Redis back, lease held again

        Assert.Equal((41, true), (LastScore(topic).Minute, LastScore(topic).Home >= 2));
        Assert.Equal(0, lease.Left);
    }

    [Fact]
    public async Task A_lease_lost_while_catching_up_publishes_nothing()
    {
        var lease = new ScriptedLease(LeaseHold.Held, LeaseHold.NotHeld);
        var (publisher, topic) = Create(lease);

        await publisher.TickAsync(topic, CancellationToken.None);

        Assert.Equal(0, topic.LastEventId);
        Assert.Equal(0, lease.Left);
    }

    [Fact]
    public async Task An_instance_without_the_lease_publishes_nothing_and_one_that_keeps_it_does_not_catch_up_again()
    {
        var lease = new ScriptedLease(LeaseHold.NotHeld, LeaseHold.Held, LeaseHold.Held, LeaseHold.Held);
        var (publisher, topic) = Create(lease);
        await publisher.TickAsync(topic, CancellationToken.None);
        Assert.Equal(0, topic.LastEventId);

        await publisher.TickAsync(topic, CancellationToken.None); // takes it: catches up, asks again, minute 1
        await topic.PublishJsonAsync("score", new { match = "Lions v Tigers", minute = 70, home = 0, away = 0 });
        await publisher.TickAsync(topic, CancellationToken.None); // still its own: goes on from its own minute

        Assert.Equal(2, LastScore(topic).Minute);
        Assert.Equal(0, lease.Left);
    }

    private static (LiveFeedPublisher, SseTopic) Create(IInstanceLease lease)
    {
        var services = new ServiceCollection().AddLogging().AddServerSentEvents(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var topic = services.GetRequiredService<ISseTopics>().Get(LiveFeedOptions.Topic);
        var publisher = new LiveFeedPublisher(services.GetRequiredService<ISseTopics>(), Options.Create(new LiveFeedOptions()), TimeProvider.System,
            NullLogger<LiveFeedPublisher>.Instance, lease);
        return (publisher, topic);
    }

    private static (int Minute, int Home) LastScore(SseTopic topic)
    {
        using var recent = topic.Subscribe("0");
        var score = recent.Plan.Replay.Last(e => e.EventName == "score");
        using var json = JsonDocument.Parse(score.Data);
        return (json.RootElement.GetProperty("minute").GetInt32(), json.RootElement.GetProperty("home").GetInt32());
    }

    /// <summary>Answers each HoldAsync with the next scripted answer; a call beyond the script fails the test.</summary>
    private sealed class ScriptedLease(params LeaseHold[] answers) : IInstanceLease
    {
        private readonly Queue<LeaseHold> _answers = new(answers);

        public int Left => _answers.Count;

        public ValueTask<LeaseHold> HoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("the lease was asked more often than scripted"));

        public ValueTask ReleaseAsync(string name) => ValueTask.CompletedTask;
    }
}
