using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Playground.Features.Inspector;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Testing;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class InspectorStreamAndRedeliveryTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    private int Subscribers(string bin)
        => server.Services.GetRequiredService<ISseTopics>().TryGet(InspectorStore.TopicName(bin), out var topic) ? topic.SubscriberCount : 0;

    [Fact]
    public async Task Every_capture_is_pushed_live_on_the_bins_event_stream_and_can_be_resumed()
    {
        var created = await CreateBinAsync(_http);
        var bin = created.GetProperty("id").GetString()!;
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var received = new List<SseItem<string>>();
        var reading = Task.Run(async () =>
        {
            await foreach (var item in new SseClient(_http).ReadAsync(new Uri($"/api/bins/{bin}/events", UriKind.Relative), cts.Token))
            {
                lock (received) received.Add(item);
                if (item.EventId == "2") return;
            }
        });
        await Eventually.HoldsAsync(() => Subscribers(bin) == 1, "the stream is subscribed");

        using (var first = await _http.SendAsync(SignedForAll($"/hooks/{bin}/a?q=1", "{\"n\":1}", created))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await _http.SendAsync(Post($"/hooks/{bin}", "{\"n\":2}"))) Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await Eventually.WithinAsync(reading, "two request events");

        Assert.Equal(["1", "2"], received.Select(i => i.EventId));
        Assert.All(received, i => Assert.Equal("request", i.EventType));
        var summary = JsonSerializer.Deserialize<JsonElement>(received[0].Data);
        Assert.Equal(1, summary.GetProperty("id").GetInt64());
        Assert.Equal($"/hooks/{bin}/a?q=1", summary.GetProperty("path").GetString());
        Assert.Equal(3, summary.GetProperty("verdicts").GetArrayLength());

        using var resumeCts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var resumed = new List<string?>();
        await foreach (var item in new SseClient(_http) { LastEventId = "1" }.ReadAsync(new Uri($"/api/bins/{bin}/events", UriKind.Relative), resumeCts.Token))
        {
            resumed.Add(item.EventId);
            break;
        }
        Assert.Equal(["2"], resumed);
    }

    [Fact]
    public async Task Deleting_a_bin_ends_its_open_event_streams()
    {
        var bin = await CreateBinIdAsync(_http);
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in new SseClient(_http).ReadAsync(new Uri($"/api/bins/{bin}/events", UriKind.Relative), cts.Token)) { }
        });
        await Eventually.HoldsAsync(() => Subscribers(bin) == 1, "the stream is subscribed");

        using (var deleted = await _http.DeleteAsync($"/api/bins/{bin}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await Eventually.WithinAsync(reading, "the stream to end");
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task A_captured_request_is_redelivered_as_captured_to_an_allowed_url()
    {
        var created = await CreateBinAsync(_http);
        var source = created.GetProperty("id").GetString()!;
        // The target verifies with the source bin's secrets: created with them as its own.
        var target = await CreateBinAsync(_http, new { standardSecret = Secret(created, "standard"), gitHubSecret = Secret(created, "github"), razorpaySecret = Secret(created, "razorpay") });
        var request = SignedForAll($"/hooks/{source}", "{\"type\":\"push\"}", created);
        request.Headers.Add("X-Custom", "kept");
        using (var captured = await _http.SendAsync(request)) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);

        using var response = await _http.PostAsJsonAsync($"/api/bins/{source}/requests/1/redeliver", new { url = target.GetProperty("url").GetString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200, result.GetProperty("statusCode").GetInt32());
        var copy = Assert.Single(await RequestsAsync(_http, target.GetProperty("id").GetString()!));
        Assert.Equal("POST", copy.GetProperty("method").GetString());
        Assert.Equal("{\"type\":\"push\"}", copy.GetProperty("body").GetString());
        Assert.Equal("kept", Header(copy, "X-Custom"));
        Assert.Equal("application/json", Header(copy, "Content-Type"));
        Assert.All(Verdicts(copy).Values, reason => Assert.Equal("valid", reason));
    }

    [Theory]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:192.168.1.1]/hook")]
    public async Task Redelivery_to_a_private_or_metadata_address_is_refused_by_the_destination_guard(string url)
    {
        var bin = await CreateBinIdAsync(_http);
        using (var captured = await _http.SendAsync(Post($"/hooks/{bin}", "{}"))) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);

        using var response = await _http.PostAsJsonAsync($"/api/bins/{bin}/requests/1/redeliver", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("destination-refused", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Redelivery_needs_an_http_url_and_a_capture_the_bin_still_holds()
    {
        var bin = await CreateBinIdAsync(_http);
        using (var captured = await _http.SendAsync(Post($"/hooks/{bin}", "{}"))) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);

        using var badUrl = await _http.PostAsJsonAsync($"/api/bins/{bin}/requests/1/redeliver", new { url = "file:///etc/passwd" });
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal("bad-url", (await badUrl.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());

        using var unknown = await _http.PostAsJsonAsync($"/api/bins/{bin}/requests/99/redeliver", new { url = "http://127.0.0.1/" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-request", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
