using System.Net.Http.Headers;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Hosting;

/// <summary>Items 5 and 11: received webhook bodies and the Redis endpoint are not shown to anonymous callers.</summary>
public sealed class PrivateDataTests
{
    [Fact]
    public async Task Received_webhook_bodies_need_the_operator_token()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();

        using var anonymous = await http.GetAsync("/api/webhooks/received");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/webhooks/received") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", server.OperatorToken[..^1] + "x") } };
        using var wrongAnswer = await http.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/webhooks/received") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", server.OperatorToken) } };
        using var rightAnswer = await http.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("operator-token-required", await Attack.ReasonAsync(anonymous));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);
    }

    [Fact]
    public async Task Received_webhook_bodies_are_not_served_at_all_without_an_operator_token()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:OperatorToken"] = null });
        using var http = server.Client();

        using var response = await http.GetAsync("/api/webhooks/received");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Development_secrets_are_not_served_outside_development()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();

        using var secrets = await http.GetAsync("/api/webhooks/dev-secrets");
        using var drop = await http.PostAsync("/api/feed/drop", null);

        Assert.Equal(HttpStatusCode.NotFound, secrets.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, drop.StatusCode);
    }

    [Fact]
    public async Task Health_does_not_reveal_the_redis_endpoint()
    {
        // A Redis that never answers (a closed loopback port): the backplane reports degraded.
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Redis:Configuration"] = $"127.0.0.1:{port},connectTimeout=200" });
        using var http = server.Client();

        var health = await http.GetStringAsync("/health");

        Assert.Contains("degraded", health, StringComparison.Ordinal);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), health, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", health, StringComparison.Ordinal);
    }
}
