using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workshop.Playground.Features.Webhooks;
using Workshop.Protocols.Webhooks;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class InspectorVerdictTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    private async Task<JsonElement> CaptureAsync(string bin, HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await RequestsAsync(_http, bin))[0];
    }

    [Fact]
    public async Task A_new_bin_gets_its_own_generated_secrets_and_requests_signed_with_them_are_valid_for_each_scheme()
    {
        var created = await CreateBinAsync(_http);
        var bin = created.GetProperty("id").GetString()!;
        Assert.True(WebhookSecret.TryParse(Secret(created, "standard"), out var key));
        Assert.Equal(32, key.Length);
        Assert.Empty(created.GetProperty("ownSecrets").EnumerateArray());
        var other = await CreateBinAsync(_http);
        Assert.NotEqual(Secret(created, "standard"), Secret(other, "standard"));
        Assert.NotEqual(Secret(created, "github"), Secret(other, "github"));

        var capture = await CaptureAsync(bin, SignedForAll($"/hooks/{bin}", "{\"type\":\"payment.captured\"}", created));

        Assert.Equal(new Dictionary<string, string> { ["standard"] = "valid", ["github"] = "valid", ["razorpay"] = "valid" }, Verdicts(capture));
        Assert.All(capture.GetProperty("verdicts").EnumerateArray(), v => Assert.Equal("bin", v.GetProperty("secret").GetString()));
    }

    [Fact]
    public async Task Requests_signed_with_the_servers_receiver_secrets_are_not_valid_for_a_bin()
    {
        var bin = await CreateBinIdAsync(_http);
        var capture = await CaptureAsync(bin, SignedForAll($"/hooks/{bin}", "{}", ReferenceWebhookSecrets.DevStandard, ReferenceWebhookSecrets.DevGitHub, ReferenceWebhookSecrets.DevRazorpay));
        Assert.Equal(new Dictionary<string, string> { ["standard"] = "bad-signature", ["github"] = "bad-signature", ["razorpay"] = "bad-signature" }, Verdicts(capture));
    }

    [Fact]
    public async Task Requests_signed_with_another_secret_get_bad_signature_for_each_scheme_and_are_still_captured()
    {
        var bin = await CreateBinIdAsync(_http);
        var capture = await CaptureAsync(bin, SignedForAll($"/hooks/{bin}", "{}", WebhookSecret.Generate(), "wrong", "wrong"));
        Assert.Equal(new Dictionary<string, string> { ["standard"] = "bad-signature", ["github"] = "bad-signature", ["razorpay"] = "bad-signature" }, Verdicts(capture));
        Assert.All(capture.GetProperty("verdicts").EnumerateArray(), v => Assert.False(v.GetProperty("valid").GetBoolean()));
    }

    [Fact]
    public async Task A_stale_standard_timestamp_and_a_missing_signature_header_get_their_own_reasons()
    {
        var created = await CreateBinAsync(_http);
        var bin = created.GetProperty("id").GetString()!;
        var body = Encoding.UTF8.GetBytes("{}");
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        var request = Post($"/hooks/{bin}", "{}");
        request.Headers.Add("webhook-id", "msg_1");
        request.Headers.Add("webhook-timestamp", stale.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSigner.SignStandard(Secret(created, "standard"), "msg_1", stale, body));
        Assert.Equal("stale-timestamp", Verdicts(await CaptureAsync(bin, request))["standard"]);

        var partial = Post($"/hooks/{bin}", "{}");
        partial.Headers.Add("webhook-id", "msg_2");
        Assert.Equal(new Dictionary<string, string> { ["standard"] = "missing-header" }, Verdicts(await CaptureAsync(bin, partial)));
    }

    [Fact]
    public async Task Only_the_schemes_whose_headers_are_present_are_judged()
    {
        var bin = await CreateBinIdAsync(_http);
        var request = Post($"/hooks/{bin}", "{}");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));
        Assert.Equal(new Dictionary<string, string> { ["github"] = "bad-signature" }, Verdicts(await CaptureAsync(bin, request)));
    }

    [Fact]
    public async Task Secrets_supplied_for_a_bin_are_its_secrets_and_are_returned_in_its_view()
    {
        var standard = WebhookSecret.Generate();
        var created = await CreateBinAsync(_http, new { standardSecret = standard, gitHubSecret = "my-gh", razorpaySecret = "my-rzp" });
        var bin = created.GetProperty("id").GetString()!;
        Assert.Equal(["standard", "github", "razorpay"], created.GetProperty("ownSecrets").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal((standard, "my-gh", "my-rzp"), (Secret(created, "standard"), Secret(created, "github"), Secret(created, "razorpay")));

        var own = await CaptureAsync(bin, SignedForAll($"/hooks/{bin}", "{\"a\":1}", standard, "my-gh", "my-rzp"));
        Assert.All(own.GetProperty("verdicts").EnumerateArray(), v =>
        {
            Assert.True(v.GetProperty("valid").GetBoolean());
            Assert.Equal("bin", v.GetProperty("secret").GetString());
        });
        var dev = await CaptureAsync(bin, SignedForAll($"/hooks/{bin}", "{\"a\":1}", ReferenceWebhookSecrets.DevStandard, ReferenceWebhookSecrets.DevGitHub, ReferenceWebhookSecrets.DevRazorpay));
        Assert.All(Verdicts(dev).Values, reason => Assert.Equal("bad-signature", reason));

        var partly = await CreateBinAsync(_http, new { gitHubSecret = "only-gh" });
        Assert.Equal(["github"], partly.GetProperty("ownSecrets").EnumerateArray().Select(s => s.GetString()));
        Assert.StartsWith("whsec_", Secret(partly, "standard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_standard_secret_for_a_new_bin_is_refused_with_400()
    {
        using var response = await _http.PostAsJsonAsync("/api/bins", new { standardSecret = "not-a-whsec" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad-secret-format", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }
}
