using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Workshop.Protocols.Webhooks;

namespace Workshop.Protocols.Tests.Webhooks;

/// <summary>
/// GitHub and Razorpay sign the body only and send the event id in an unsigned header: the receiver also remembers
/// the body's hash, so a captured body replayed under a fresh id is a duplicate. Standard Webhooks signs id and
/// timestamp, so it needs no body hash and identical bodies under different ids are different events.
/// </summary>
public sealed class ReceiverReplayTests : IAsyncLifetime
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
        });
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task HandleAsync(WebhookEvent e, CancellationToken token)
    {
        if (_failNext)
        {
            _failNext = false;
            throw new InvalidOperationException("handler failed on purpose");
        }
        lock (_handled) _handled.Add(e.EventId);
        return Task.CompletedTask;
    }

    private int Handled
    {
        get
        {
            lock (_handled) return _handled.Count;
        }
    }

    private static HttpRequestMessage Signed(string scheme, string body, string id)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, scheme) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        switch (scheme)
        {
            case "github":
                request.Headers.Add("X-Hub-Signature-256", WebhookSigner.SignGitHub(GitHubSecret, bytes));
                request.Headers.Add("X-GitHub-Delivery", id);
                break;
            case "razorpay":
                request.Headers.Add("X-Razorpay-Signature", WebhookSigner.SignRazorpay(RazorpaySecret, bytes));
                request.Headers.Add("x-razorpay-event-id", id);
                break;
            default:
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", WebhookSigner.SignStandard(StandardSecret, id, ts, bytes));
                break;
        }
        return request;
    }

    private async Task<(HttpStatusCode Status, bool? Duplicate)> SendAsync(string scheme, string body, string id)
    {
        using var response = await _client.SendAsync(Signed(scheme, body, id));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.TryGetProperty("duplicate", out var d) ? d.GetBoolean() : null);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("razorpay")]
    public async Task A_captured_body_replayed_with_a_fresh_event_id_is_a_duplicate_and_the_handler_runs_once(string scheme)
    {
        var body = "{\"event\":\"payment.captured\",\"amount\":100}";
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync(scheme, body, "id-original"));
        Assert.Equal((HttpStatusCode.OK, true), await SendAsync(scheme, body, "id-forged"));
        Assert.Equal(1, Handled);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("razorpay")]
    public async Task The_fresh_id_of_a_replay_is_remembered_as_handled(string scheme)
    {
        await SendAsync(scheme, "{\"n\":1}", "id-1");
        await SendAsync(scheme, "{\"n\":1}", "id-2");
        Assert.Equal((HttpStatusCode.OK, true), await SendAsync(scheme, "{\"n\":2}", "id-2"));
        Assert.Equal(1, Handled);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("razorpay")]
    [InlineData("standard")]
    public async Task A_sender_retry_with_the_same_id_and_body_stays_a_duplicate_and_different_events_both_run(string scheme)
    {
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync(scheme, "{\"n\":1}", "id-1"));
        Assert.Equal((HttpStatusCode.OK, true), await SendAsync(scheme, "{\"n\":1}", "id-1"));
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync(scheme, "{\"n\":2}", "id-2"));
        Assert.Equal(2, Handled);
    }

    [Fact]
    public async Task Standard_webhooks_signs_id_and_timestamp_so_identical_bodies_under_different_ids_both_run()
    {
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync("standard", "{}", "msg_1"));
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync("standard", "{}", "msg_2"));
        Assert.Equal(2, Handled);
    }

    [Theory]
    [InlineData("github")]
    [InlineData("razorpay")]
    public async Task A_failed_handler_releases_both_claims_so_a_retry_with_the_same_or_a_fresh_id_runs(string scheme)
    {
        _failNext = true;
        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(scheme, "{\"n\":1}", "id-1")).Status);
        Assert.Equal((HttpStatusCode.OK, false), await SendAsync(scheme, "{\"n\":1}", "id-2"));
        Assert.Equal((HttpStatusCode.OK, true), await SendAsync(scheme, "{\"n\":1}", "id-1"));
        Assert.Equal(1, Handled);
    }

    [Fact]
    public void Only_standard_webhooks_claims_to_sign_a_timestamp()
    {
        Assert.True(new StandardWebhookVerifier(StandardSecret).SignsTimestamp);
        Assert.False(HexHmacVerifier.GitHub(GitHubSecret).SignsTimestamp);
        Assert.False(HexHmacVerifier.Razorpay(RazorpaySecret).SignsTimestamp);
    }
}
