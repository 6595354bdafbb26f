using System.Net.Sockets;
using Workshop.Security.Tests.Support;
using static Workshop.Security.Tests.Support.Attack;

namespace Workshop.Security.Tests.Inspector;

/// <summary>The inspector's redelivery as an open relay and a port scanner: what an anonymous client cannot make it do.</summary>
public sealed class InspectorRelayAttackTests
{
    [Fact]
    public async Task Redelivery_to_an_arbitrary_loopback_port_is_refused_and_no_connection_reaches_it()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        await using var target = new LoopbackTarget();
        var bin = await CreateBinAsync(http);
        await CaptureAsync(http, bin, HttpMethod.Post);

        using var response = await RedeliverAsync(http, bin, 1, target.Url());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("destination-not-allowed", await ReasonAsync(response));
        Assert.Equal(0, target.Connections); // the answer came after any connection the server would have made
    }

    [Fact]
    public async Task Redelivery_to_another_bin_of_the_same_server_is_refused()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var bin = await CreateBinAsync(http);
        var other = await CreateBinAsync(http);
        await CaptureAsync(http, bin, HttpMethod.Post);

        using var response = await RedeliverAsync(http, bin, 1, new Uri(other.GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("destination-not-allowed", await ReasonAsync(response));
        Assert.Empty(await CapturesAsync(http, other));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task A_captured_request_of_any_method_is_redelivered_only_as_post_to_the_bins_own_url(string method)
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var bin = await CreateBinAsync(http);
        await CaptureAsync(http, bin, new HttpMethod(method));

        using var response = await RedeliverAsync(http, bin, 1, new Uri(bin.GetProperty("url").GetString()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var copy = (await CapturesAsync(http, bin))[0];
        Assert.Equal(2, copy.GetProperty("id").GetInt64());
        Assert.Equal("POST", copy.GetProperty("method").GetString());
        Assert.Equal("POST", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
    }

    [Fact]
    public async Task Captured_credentials_headers_never_reach_the_forward_destination_but_signature_headers_do()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        await using var target = new LoopbackTarget();
        var bin = await CreateBinAsync(http, new { forwardUrl = target.Url().ToString() });
        await CaptureAsync(http, bin, HttpMethod.Post, request =>
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer stolen-bearer");
            request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic c3RvbGVu");
            request.Headers.TryAddWithoutValidation("Cookie", "session=stolen-cookie");
            request.Headers.TryAddWithoutValidation("X-Api-Key", "stolen-key");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", "stolen-token");
            request.Headers.TryAddWithoutValidation("X-Csrf-Token", "stolen-csrf");
            request.Headers.TryAddWithoutValidation("X-Client-Secret", "stolen-secret");
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + new string('0', 64));
            request.Headers.TryAddWithoutValidation("webhook-signature", "v1,AAAA");
        });

        using var response = await RedeliverAsync(http, bin, 1, target.Url());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Assert.Single(target.Requests);
        Assert.StartsWith("POST /hook ", lines[0], StringComparison.Ordinal);
        var received = string.Join("\n", lines);
        Assert.DoesNotContain("stolen", received, StringComparison.Ordinal);
        Assert.DoesNotContain("Cookie:", received, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Authorization:", received, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Hub-Signature-256: sha256=", received, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("webhook-signature: v1,AAAA", received, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_open_port_and_a_closed_port_give_byte_identical_answers_without_timing()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        await using var open = new LoopbackTarget(closeAtOnce: true);
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndpoint).Port}/hook");
        closed.Stop();
        var toOpen = await CreateBinAsync(http, new { forwardUrl = open.Url().ToString() });
        var toClosed = await CreateBinAsync(http, new { forwardUrl = closedUrl.ToString() });
        await CaptureAsync(http, toOpen, HttpMethod.Post);
        await CaptureAsync(http, toClosed, HttpMethod.Post);

        using var openAnswer = await RedeliverAsync(http, toOpen, 1, open.Url());
        using var closedAnswer = await RedeliverAsync(http, toClosed, 1, closedUrl);

        Assert.True(open.Connections >= 1, "the open port was really reached");
        Assert.Equal(HttpStatusCode.BadGateway, openAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, closedAnswer.StatusCode);
        var openBody = await openAnswer.Content.ReadAsByteArrayAsync();
        Assert.Equal(openBody, await closedAnswer.Content.ReadAsByteArrayAsync());
        Assert.Equal(openAnswer.Content.Headers.ContentType, closedAnswer.Content.Headers.ContentType);
        var problem = JsonSerializer.Deserialize<JsonElement>(openBody);
        Assert.Equal("no-answer", problem.GetProperty("reason").GetString());
        Assert.False(problem.TryGetProperty("durationMs", out _));
    }

    [Fact]
    public async Task A_bin_is_no_verification_oracle_for_the_servers_receiver_secret()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var bin = await CreateBinAsync(http);
        var body = "{\"type\":\"payment.captured\"}"u8.ToArray();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await CaptureAsync(http, bin, HttpMethod.Post, request =>
        {
            request.Content = new ByteArrayContent(body);
            request.Headers.Add("webhook-id", "msg_1");
            request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", Workshop.Protocols.Webhooks.WebhookSigner.SignStandard(server.StandardSecret, "msg_1", ts, body));
            request.Headers.Add("X-Hub-Signature-256", Workshop.Protocols.Webhooks.WebhookSigner.SignGitHub(server.GitHubSecret, body));
            request.Headers.Add("X-Razorpay-Signature", Workshop.Protocols.Webhooks.WebhookSigner.SignRazorpay(server.RazorpaySecret, body));
        });

        var verdicts = (await CapturesAsync(http, bin))[0].GetProperty("verdicts").EnumerateArray().ToArray();

        Assert.Equal(3, verdicts.Length);
        Assert.All(verdicts, v => Assert.False(v.GetProperty("valid").GetBoolean()));
        Assert.All(verdicts, v => Assert.Equal("bin", v.GetProperty("secret").GetString()));
        var secrets = bin.GetProperty("secrets");
        Assert.NotEqual(server.StandardSecret, secrets.GetProperty("standard").GetString());
        Assert.True(Workshop.Protocols.Webhooks.WebhookSecret.TryParse(secrets.GetProperty("standard").GetString(), out var key) && key.Length == 32);
    }
}
