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
    private const string Alice = "198.51.100.7";
    private const string Mallory = "203.0.113.9";

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

    private static readonly BinSigning Signing = new(new BinSecrets(WebhookSecret.Generate(), "gh", "rzp"), [], new Dictionary<WebhookScheme, IWebhookVerifier>());

    private InspectorBin Create(InspectorStore store, string creator = Alice)
    {
        var bin = store.TryCreate(creator, Signing);
        Assert.NotNull(bin);
        _time.Advance(TimeSpan.FromSeconds(1));
        return bin;
    }

    private static CapturedRequest Capture(long id, int bytes, params CapturedHeader[] headers)
        => new(id, "POST", "/hooks/x", headers, "base64", "", bytes, null, DateTimeOffset.UnixEpoch, []) { RawBody = new byte[bytes] };

    private static long SizeOf(int bytes) => CaptureSize.Estimate(Capture(1, bytes));

    [Fact]
    public void An_idle_bin_expires_and_its_event_topic_is_removed()
    {
        var store = Store(new InspectorOptions { IdleExpiry = TimeSpan.FromMinutes(10) });
        var bin = Create(store);
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
    public void A_creator_past_its_quota_evicts_its_own_least_recently_used_bin_and_never_another_creators()
    {
        var store = Store(new InspectorOptions { MaxBinsPerCreator = 2, MaxBins = 10 });
        var alices = Create(store, Alice);
        var first = Create(store, Mallory);
        var second = Create(store, Mallory);
        Assert.True(store.TryGet(first.Id, out _));
        _time.Advance(TimeSpan.FromSeconds(1));

        var third = Create(store, Mallory);
        for (var i = 0; i < 5; i++) Create(store, Mallory);

        Assert.True(store.TryGet(alices.Id, out _), "another creator's bin is never evicted");
        Assert.False(store.TryGet(second.Id, out _));
        Assert.False(store.TryGet(third.Id, out _));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public void Past_the_global_cap_creation_is_refused_and_nobody_is_evicted()
    {
        var store = Store(new InspectorOptions { MaxBinsPerCreator = 2, MaxBins = 3 });
        var bins = new[] { Create(store, Alice), Create(store, Mallory), Create(store, Mallory) };

        Assert.Null(store.TryCreate("192.0.2.50", Signing));

        Assert.Equal(3, store.Count);
        Assert.All(bins, b => Assert.True(store.TryGet(b.Id, out _)));
        Assert.NotNull(store.TryCreate(Mallory, Signing)); // a creator at its quota still gets a bin: its own oldest makes room
    }

    [Fact]
    public void The_per_bin_budget_counts_headers_and_drops_the_bins_oldest_captures_but_keeps_the_newest()
    {
        var header = new CapturedHeader("X-Big", new string('h', 4000));
        var one = CaptureSize.Estimate(Capture(1, 10, header));
        Assert.True(one > 8000, "a header's characters count two bytes each");
        var store = Store(new InspectorOptions { MaxBytesPerBin = 3 * one });
        var bin = Create(store);
        for (var i = 0; i < 5; i++) store.Add(bin, id => Capture(id, 10, header));

        Assert.Equal([5L, 4L, 3L], store.List(bin).Select(c => c.Id));
        Assert.Equal(3 * one, store.TotalBytes);

        var huge = Store(new InspectorOptions { MaxBytesPerBin = 100 });
        var hugeBin = Create(huge);
        huge.Add(hugeBin, id => Capture(id, 1000));
        Assert.Equal([1L], huge.List(hugeBin).Select(c => c.Id));
    }

    [Fact]
    public void Over_the_total_budget_the_creator_holding_the_most_bytes_loses_its_oldest_captures_first()
    {
        var store = Store(new InspectorOptions { MaxTotalBytes = SizeOf(100) * 4 + SizeOf(50) });
        var alices = Create(store, Alice);
        var mallorys = Create(store, Mallory);
        var mallorys2 = Create(store, Mallory);
        store.Add(alices, id => Capture(id, 100));
        store.Add(mallorys, id => Capture(id, 100));
        store.Add(mallorys2, id => Capture(id, 100));
        store.Add(mallorys, id => Capture(id, 100));

        store.Add(alices, id => Capture(id, 100));

        Assert.Equal([2L, 1L], store.List(alices).Select(c => c.Id));
        Assert.Equal([2L], store.List(mallorys).Select(c => c.Id));
        Assert.Equal([1L], store.List(mallorys2).Select(c => c.Id));
    }

    [Fact]
    public void Captures_of_a_removed_bin_free_their_share_of_the_budget()
    {
        var store = Store(new InspectorOptions { MaxTotalBytes = SizeOf(150) + SizeOf(50), MaxBytesPerBin = SizeOf(150) + SizeOf(50) });
        var a = Create(store);
        store.Add(a, id => Capture(id, 150));
        Assert.True(store.Remove(a.Id));
        Assert.Equal(0, store.TotalBytes);
        var b = Create(store);
        store.Add(b, id => Capture(id, 150));
        store.Add(b, id => Capture(id, 50));
        Assert.Equal([2L, 1L], store.List(b).Select(c => c.Id));
    }

    [Fact]
    public void A_bin_is_found_by_its_capture_url_or_a_sub_path_of_it()
    {
        var store = Store(new InspectorOptions());
        var bin = Create(store);

        Assert.True(store.TryGetByCaptureUrl(new Uri($"http://localhost:5000/hooks/{bin.Id}"), out var found));
        Assert.Same(bin, found);
        Assert.True(store.TryGetByCaptureUrl(new Uri($"https://example.com/hooks/{bin.Id}/orders?x=1"), out _));
        Assert.False(store.TryGetByCaptureUrl(new Uri($"http://localhost:5000/api/bins/{bin.Id}"), out _));
        Assert.False(store.TryGetByCaptureUrl(new Uri("http://localhost:5000/hooks/unknown"), out _));
        Assert.False(store.TryGetByCaptureUrl(new Uri("http://localhost:5000/hooks/"), out _));
    }

    [Fact]
    public void Unusable_limits_are_refused_with_a_message_naming_the_keys()
    {
        Assert.Null(new InspectorOptions().Validate());
        Assert.Contains("MaxBinsPerCreator", new InspectorOptions { MaxBinsPerCreator = 0 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("MaxBinsPerCreator", new InspectorOptions { MaxBins = 5, MaxBinsPerCreator = 6 }.Validate(), StringComparison.Ordinal);
        Assert.Contains("MaxTotalBytes", new InspectorOptions { MaxBytesPerBin = 10, MaxTotalBytes = 5 }.Validate(), StringComparison.Ordinal);
    }
}
