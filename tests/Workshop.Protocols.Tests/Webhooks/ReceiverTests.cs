using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

public sealed class ReceiverTests : IAsyncLifetime
{
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string GitHubSecret = "gh-secret";
    private const string RazorpaySecret = "rzp-secret";

    private readonly List<string> _handled = [];
    private WebhookTestHost _host = null!;
    private HttpClient _client = null!;
    private volatile bool _failNext;

    public async Task InitializeAsync()
    {
        _host = await WebhookTestHost.StartAsync(app =>
        {
            app.MapWebhookReceiver("/standard", new StandardWebhookVerifier(StandardSecret), HandleAsync);
            app.MapWebhookReceiver("/github", HexHmacVerifier.GitHub(GitHubSecret), HandleAsync);
            app.MapWebhookReceiver("/razorpay", HexHmacVerifier.Razorpay(RazorpaySecret), HandleAsync);
        }, new Dictionary<string, string?> { ["Webhooks:Receiver:MaxBodyBytes"] = "1024" });
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private async Task HandleAsync(WebhookEvent e, CancellationToken token)
    {
        // A small pause widens the window in which a concurrent duplicate could slip through.
        await Task.Yield();
        if (_failNext)
        {
            _failNext = false;
            throw new InvalidOperationException("handler failed on purpose");
        }
        lock (_handled) _handled.Add(e.EventId);
    }

    private int HandledCount(string id)
    {
        lock (_handled) return _handled.Count(h => h == id);
    }

    private static HttpRequestMessage Standard(string body, string? id = null, long? timestamp = null, string? signature = null, string contentType = "application/json")
    {
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "standard") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature ?? WebhookSigner.SignStandard(StandardSecret, id, ts, bytes));
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Receiver_accepts_a_valid_standard_webhook_and_runs_the_handler_once()
    {
        var request = Standard("{\"type\":\"ping\"}", id: "msg_valid");
        var (status, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, HandledCount("msg_valid"));
    }

    [Fact]
    public async Task Receiver_answers_a_duplicate_with_200_and_a_marker_without_a_second_effect()
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await SendAsync(Standard("{}", id: "msg_dup", timestamp: ts));
        var (status, body) = await SendAsync(Standard("{}", id: "msg_dup", timestamp: ts));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, HandledCount("msg_dup"));
    }

    [Fact]
    public async Task Receiver_gives_concurrent_duplicates_exactly_one_effect()
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SendAsync(Standard("{\"n\":1}", id: "msg_race", timestamp: ts))));
        Assert.Equal(1, HandledCount("msg_race"));
        Assert.All(results, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK && !r.Body.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task Receiver_rejects_a_signature_over_reserialized_json()
    {
        var original = "{ \"amount\": 100,  \"currency\": \"INR\" }";
        var id = "msg_reserialized";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSigner.SignStandard(StandardSecret, id, ts, Encoding.UTF8.GetBytes(original));
        var reserialized = JsonSerializer.Serialize(JsonDocument.Parse(original).RootElement);
        Assert.NotEqual(original, reserialized);
        var (status, body) = await SendAsync(Standard(reserialized, id, ts, signature));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("bad-signature", body.GetProperty("reason").GetString());
        Assert.Equal(0, HandledCount(id));
    }

    public static TheoryData<string, int, string> BadStandardRequests => new()
    {
        { "stale", 401, "stale-timestamp" },
        { "future", 401, "future-timestamp" },
        { "non-numeric", 401, "non-numeric-timestamp" },
        { "unknown-version", 401, "unknown-signature-version" },
        { "missing-signature", 401, "missing-header" },
        { "empty-id", 401, "empty-header" },
        { "wrong-type", 415, "unsupported-content-type" },
        { "too-large", 413, "body-too-large" },
        { "malformed-json", 400, "malformed-json" },
    };

    [Theory]
    [MemberData(nameof(BadStandardRequests))]
    public async Task Receiver_rejects_each_bad_input_with_its_status_and_reason_and_never_runs_the_handler(string kind, int expectedStatus, string expectedReason)
    {
        var id = "msg_bad_" + kind;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = kind switch
        {
            "stale" => Standard("{}", id, now - 600),
            "future" => Standard("{}", id, now + 600),
            "unknown-version" => Standard("{}", id, now, "v9,abc="),
            "wrong-type" => Standard("{}", id, contentType: "text/plain"),
            "too-large" => Standard("{\"pad\":\"" + new string('x', 2000) + "\"}", id),
            "malformed-json" => Standard("{not json", id),
            _ => Standard("{}", id),
        };
        if (kind == "non-numeric")
        {
            request.Headers.Remove("webhook-timestamp");
            request.Headers.Add("webhook-timestamp", "soon");
        }
        if (kind == "missing-signature") request.Headers.Remove("webhook-signature");
        if (kind == "empty-id")
        {
            request.Headers.Remove("webhook-id");
            request.Headers.TryAddWithoutValidation("webhook-id", "");
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expectedReason, problem.GetProperty("reason").GetString());
        Assert.Equal(0, HandledCount(id));
    }

    [Fact]
    public async Task GitHub_receiver_accepts_a_signed_delivery_and_rejects_a_bad_one()
    {
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"Keep it logically awesome.\"}");
        HttpRequestMessage Make(string signature, string? delivery)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "github") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            request.Headers.Add("X-Hub-Signature-256", signature);
            if (delivery is not null) request.Headers.Add("X-GitHub-Delivery", delivery);
            return request;
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Make(WebhookSigner.SignGitHub(GitHubSecret, body), "gh-1"))).Status);
        var bad = await SendAsync(Make(WebhookSigner.SignGitHub("wrong", body), "gh-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.Status);
        var noId = await SendAsync(Make(WebhookSigner.SignGitHub(GitHubSecret, body), null));
        Assert.Equal(HttpStatusCode.BadRequest, noId.Status);
        Assert.Equal("missing-event-id", noId.Body.GetProperty("reason").GetString());
        Assert.Equal(1, HandledCount("gh-1"));
        Assert.Equal(0, HandledCount("gh-2"));
    }

    [Fact]
    public async Task Razorpay_receiver_accepts_a_signed_event_once()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"payment.captured\"}");
        HttpRequestMessage Make()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "razorpay") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            request.Headers.Add("X-Razorpay-Signature", WebhookSigner.SignRazorpay(RazorpaySecret, body));
            request.Headers.Add("x-razorpay-event-id", "evt_1");
            return request;
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Make())).Status);
        Assert.True((await SendAsync(Make())).Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, HandledCount("evt_1"));
    }

    [Fact]
    public async Task Receiver_answers_500_when_the_handler_fails_and_handles_the_retry()
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _failNext = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(Standard("{}", "msg_retry", ts))).Status);
        var (status, body) = await SendAsync(Standard("{}", "msg_retry", ts));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, HandledCount("msg_retry"));
    }

    [Fact]
    public async Task Receiver_answers_413_to_a_chunked_body_over_the_limit_without_a_content_length()
    {
        var request = Standard("{}", "msg_chunked");
        var big = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 4096) + "\"}");
        var content = new StreamContent(new MemoryStream(big));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Content = content;
        request.Headers.TransferEncodingChunked = true;
        var (status, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("body-too-large", body.GetProperty("reason").GetString());
        Assert.Equal(0, HandledCount("msg_chunked"));
    }
}
