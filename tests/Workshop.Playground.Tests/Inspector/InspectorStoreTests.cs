using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Workshop.Playground.Features.Inspector;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Tests.Inspector;

public sealed class InspectorStoreTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ServiceProvider _services;
    private readonly ISseTopics _topics;

    public InspectorStoreTests()
    {
        _services = new ServiceCollection().AddLogging().AddServerSentEvents(new ConfigurationBuilder().Build()).BuildServiceProvider();
        _topics = _services.GetRequiredService<ISseTopics>();
    }

    public void Dispose() => _services.Dispose();

    private InspectorStore Store(InspectorOptions options) => new(Options.Create(options), _time, _topics, NullLogger<InspectorStore>.Instance);

    private static CapturedRequest Capture(long id, int bytes)
        => new(id, "POST", "/hooks/x", [], "base64", "", bytes, null, DateTimeOffset.UnixEpoch, []) { RawBody = new byte[bytes] };

    private static readonly Dictionary<WebhookScheme, IWebhookVerifier> NoSecrets = [];

    [Fact]
    public void An_idle_bin_expires_and_its_event_topic_is_removed()
    {
        var store = Store(new InspectorOptions { IdleExpiry = TimeSpan.FromMinutes(10) });
        var bin = store.Create(NoSecrets);
        Assert.True(_topics.TryGet(InspectorStore.TopicName(bin.Id), out _));

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(store.TryGet(bin.Id, out _));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(store.TryGet(bin.Id, out _), "reading the bin counts as activity");
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.False(store.TryGet(bin.Id, out _));
        Assert.False(_topics.TryGet(InspectorStore.TopicName(bin.Id), out _));
    }

    [Fact]
    public void Creating_a_bin_past_the_maximum_evicts_the_least_recently_used_one()
    {
        var store = Store(new InspectorOptions { MaxBins = 2 });
        var first = store.Create(NoSecrets);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = store.Create(NoSecrets);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(store.TryGet(first.Id, out _));
        _time.Advance(TimeSpan.FromSeconds(1));

        var third = store.Create(NoSecrets);

        Assert.Equal(2, store.Count);
        Assert.False(store.TryGet(second.Id, out _));
        Assert.True(store.TryGet(first.Id, out _));
        Assert.True(store.TryGet(third.Id, out _));
    }

    [Fact]
    public void The_total_body_budget_drops_the_oldest_captures_of_any_bin()
    {
        var store = Store(new InspectorOptions { MaxTotalBodyBytes = 250 });
        var a = store.Create(NoSecrets);
        var b = store.Create(NoSecrets);
        store.Add(a, id => Capture(id, 100));
        store.Add(b, id => Capture(id, 100));
        store.Add(a, id => Capture(id, 100));

        Assert.Equal([2L], store.List(a).Select(c => c.Id));
        Assert.Equal([1L], store.List(b).Select(c => c.Id));
    }

    [Fact]
    public void Captures_of_a_removed_bin_free_their_share_of_the_budget()
    {
        var store = Store(new InspectorOptions { MaxTotalBodyBytes = 200 });
        var a = store.Create(NoSecrets);
        store.Add(a, id => Capture(id, 150));
        Assert.True(store.Remove(a.Id));
        var b = store.Create(NoSecrets);
        store.Add(b, id => Capture(id, 150));
        store.Add(b, id => Capture(id, 50));
        Assert.Equal([2L, 1L], store.List(b).Select(c => c.Id));
    }
}
