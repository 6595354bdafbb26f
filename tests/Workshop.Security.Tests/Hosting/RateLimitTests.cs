using System.Globalization;
using Microsoft.Data.Sqlite;
using Workshop.Protocols.Webhooks;
using Workshop.Security.Tests.Webhooks;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Hosting;

/// <summary>Items 2 and 3: bursts get 429 before they cost storage; bodies over the limits get 413; quotas hold.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_burst_of_sender_requests_is_answered_429_with_retry_after_before_it_is_stored()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var bin = await Attack.BinUrlAsync(http);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++) answers.Add(await http.PostAsJsonAsync("/api/sender/deliveries", new { url = bin, secret = WebhookSecret.Generate() }));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(20, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(10, refused.Count);
        Assert.True(int.Parse(refused[0].Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate-limited", await Attack.ReasonAsync(refused[0]));
        Assert.Equal(20, await CountDeliveriesAsync(server));
        foreach (var answer in answers) answer.Dispose();
    }

    [Fact]
    public async Task Spoofed_forwarded_addresses_do_not_escape_the_rate_limit()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:RateLimits:Receivers:PermitLimit"] = "5" });
        using var http = server.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_sender_body_over_the_limit_is_answered_413_and_nothing_is_stored()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var payload = new { blob = new string('x', 70 * 1024) };

        using var response = await http.PostAsJsonAsync("/api/sender/deliveries",
            new { url = new Uri(server.BaseAddress, "/hooks/x").AbsoluteUri, secret = WebhookSecret.Generate(), payload });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body-too-large", await Attack.ReasonAsync(response));
        Assert.Equal(0, await CountDeliveriesAsync(server));
    }

    [Fact]
    public async Task A_client_past_its_delivery_quota_is_refused_429()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Webhooks:SenderApi:DeliveriesPerClient"] = "3" });
        using var http = server.Client();
        var url = await Attack.BinUrlAsync(http);

        for (var i = 0; i < 3; i++)
        {
            using var ok = await http.PostAsJsonAsync("/api/sender/deliveries", new { url, secret = WebhookSecret.Generate() });
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var refused = await http.PostAsJsonAsync("/api/sender/deliveries", new { url, secret = WebhookSecret.Generate() });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("quota-exceeded", await Attack.ReasonAsync(refused));
        Assert.Equal(3, await CountDeliveriesAsync(server));
    }

    [Fact]
    public async Task A_request_body_over_the_server_ceiling_is_refused_413()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();

        using var response = await http.PostAsync("/api/bins", new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    internal static async Task<long> CountDeliveriesAsync(ProductionPlayground server)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(server.DataDirectory, "webhooks.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM webhook_deliveries";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
