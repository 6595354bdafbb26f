using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workshop.Playground.Features.Webhooks;
using Workshop.Protocols.Webhooks;
using Workshop.Testing;

namespace Workshop.Playground.Tests.Webhooks;

// Same collection as the other playground tests: WebApplicationFactory instances started in parallel can
// capture each other's host (HostFactoryResolver listens process-wide), so playground servers start one at a time.
[Collection(BrowserCollection.Name)]
public sealed class ReferenceReceiverTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    private static HttpRequestMessage Json(string path, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return request;
    }

    private async Task<bool> WasReceivedAsync(string scheme, string eventId)
    {
        var received = await _http.GetFromJsonAsync<JsonElement>("/api/webhooks/received");
        return received.EnumerateArray().Any(e => e.GetProperty("scheme").GetString() == scheme && e.GetProperty("eventId").GetString() == eventId);
    }

    [Fact]
    public async Task Reference_receivers_accept_requests_signed_with_the_documented_dev_secrets()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"payment.captured\"}");
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var standard = Json("/webhooks/standard", body);
        standard.Headers.Add("webhook-id", id);
        standard.Headers.Add("webhook-timestamp", ts.ToString(CultureInfo.InvariantCulture));
        standard.Headers.Add("webhook-signature", WebhookSigner.SignStandard(ReferenceWebhookSecrets.DevStandard, id, ts, body));
        var github = Json("/webhooks/github", body);
        github.Headers.Add("X-GitHub-Delivery", id);
        github.Headers.Add("X-Hub-Signature-256", WebhookSigner.SignGitHub(ReferenceWebhookSecrets.DevGitHub, body));
        var razorpay = Json("/webhooks/razorpay", body);
        razorpay.Headers.Add("x-razorpay-event-id", id);
        razorpay.Headers.Add("X-Razorpay-Signature", WebhookSigner.SignRazorpay(ReferenceWebhookSecrets.DevRazorpay, body));

        foreach (var request in new[] { standard, github, razorpay })
        {
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        foreach (var scheme in new[] { "standard", "github", "razorpay" }) Assert.True(await WasReceivedAsync(scheme, id), scheme);
    }

    [Fact]
    public async Task Reference_receiver_rejects_a_wrong_secret_with_a_problem_reason_and_records_nothing()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var request = Json("/webhooks/github", body);
        request.Headers.Add("X-GitHub-Delivery", "gh-wrong-secret");
        request.Headers.Add("X-Hub-Signature-256", WebhookSigner.SignGitHub("not-the-secret", body));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("bad-signature", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.False(await WasReceivedAsync("github", "gh-wrong-secret"));
    }

    [Fact]
    public async Task Dev_secrets_are_shown_in_development()
    {
        var secrets = await _http.GetFromJsonAsync<JsonElement>("/api/webhooks/dev-secrets");
        Assert.Equal(ReferenceWebhookSecrets.DevStandard, secrets.GetProperty("standard").GetString());
        Assert.Equal(ReferenceWebhookSecrets.DevGitHub, secrets.GetProperty("github").GetString());
        Assert.Equal(ReferenceWebhookSecrets.DevRazorpay, secrets.GetProperty("razorpay").GetString());
    }

    [Fact]
    public async Task Sender_api_delivers_an_event_signed_with_the_secret_the_caller_sends_to_the_playground_receiver()
    {
        // In Development the receiver's secret is public, so a caller may sign with it; the server never does by itself.
        var url = new Uri(server.BaseAddress, "/webhooks/standard").AbsoluteUri;
        using var created = await _http.PostAsJsonAsync("/api/sender/deliveries", new { url, eventType = "push", secret = ReferenceWebhookSecrets.DevStandard });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var delivery = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = delivery.GetProperty("id").GetString();
        await Eventually.HoldsAsync(
            async () => (await _http.GetFromJsonAsync<JsonElement>($"/api/sender/deliveries/{id}")).GetProperty("status").GetString() == "succeeded",
            "the delivery succeeds");
        Assert.True(await WasReceivedAsync("standard", delivery.GetProperty("eventId").GetString()!));
    }

    [Fact]
    public async Task Sender_api_signs_a_delivery_without_a_secret_with_a_fresh_one_that_the_receiver_refuses()
    {
        var url = new Uri(server.BaseAddress, "/webhooks/standard").AbsoluteUri;
        using var created = await _http.PostAsJsonAsync("/api/sender/deliveries", new { url, eventType = "push" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var delivery = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = delivery.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", secret);
        Assert.NotEqual(ReferenceWebhookSecrets.DevStandard, secret);
        var id = delivery.GetProperty("id").GetString();
        await Eventually.HoldsAsync(
            async () => (await _http.GetFromJsonAsync<JsonElement>($"/api/sender/deliveries/{id}")).GetProperty("attemptLog").GetArrayLength() > 0,
            "the first attempt is recorded");
        var attempt = (await _http.GetFromJsonAsync<JsonElement>($"/api/sender/deliveries/{id}")).GetProperty("attemptLog")[0];
        Assert.Equal(401, attempt.GetProperty("statusCode").GetInt32());
        Assert.False(await WasReceivedAsync("standard", delivery.GetProperty("eventId").GetString()!));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "destination-refused")]
    [InlineData("http://10.0.0.1/hook", "destination-refused")]
    [InlineData("not a url", "bad-url")]
    public async Task Sender_api_refuses_bad_or_internal_destinations(string url, string reason)
    {
        using var response = await _http.PostAsJsonAsync("/api/sender/deliveries", new { url });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Redelivering_an_unknown_delivery_is_404()
    {
        using var response = await _http.PostAsync("/api/sender/deliveries/dlv_nope/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
