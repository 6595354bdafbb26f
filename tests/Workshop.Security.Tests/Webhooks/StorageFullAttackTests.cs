using System.Text;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>
/// Item 2: an anonymous client fills the webhook database through the sender API and the receivers. The file stops
/// at its ceiling (<c>Webhooks:MaxDatabaseBytes</c>, tiny here), new work gets 507 <c>storage-full</c>, reads go on.
/// </summary>
public sealed class StorageFullAttackTests
{
    [Fact]
    public async Task A_full_database_answers_507_to_the_sender_api_and_the_receivers_and_keeps_answering_reads()
    {
        await using var target = new LoopbackTarget();
        await using var server = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Webhooks:MaxDatabaseBytes"] = "131072",
            ["Webhooks:SenderApi:AllowedHosts:0"] = "127.0.0.1",
            // The attack needs many requests; the rate limits are another test's subject.
            ["Security:RateLimits:Sender:PermitLimit"] = "100000",
            ["Security:RateLimits:Receivers:PermitLimit"] = "100000",
        });
        using var client = server.Client();

        string? stored = null;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 96 && refused is null; i++)
        {
            var response = await StorageAttack.EnqueueAsync(client, target.Url(), padBytes: 4096);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                stored ??= (await StorageAttack.JsonAsync(response)).GetProperty("id").GetString();
                response.Dispose();
                continue;
            }
            refused = response;
        }
        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("storage-full", StorageAttack.Reason(await StorageAttack.JsonAsync(refused)));
        }

        // The receivers' idempotency records live in the same file: distinct signed events fill the rest.
        HttpStatusCode last = HttpStatusCode.OK;
        JsonElement lastBody = default;
        for (var i = 0; i < 2000 && last == HttpStatusCode.OK; i++)
        {
            var body = Encoding.UTF8.GetBytes($"{{\"event\":\"payment.captured\",\"n\":{i}}}");
            using var response = await client.SendAsync(StorageAttack.Provider("github", server.GitHubSecret, body, StorageAttack.NewId("gh-")));
            last = response.StatusCode;
            lastBody = await StorageAttack.JsonAsync(response);
        }
        Assert.Equal(HttpStatusCode.InsufficientStorage, last);
        Assert.Equal("storage-full", StorageAttack.Reason(lastBody));

        // Full is page-granular: a small row may still fit in a page with room left, but not for long.
        var smallRefused = false;
        for (var i = 0; i < 200 && !smallRefused; i++)
        {
            using var small = await StorageAttack.EnqueueAsync(client, target.Url());
            Assert.Contains(small.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.InsufficientStorage });
            smallRefused = small.StatusCode == HttpStatusCode.InsufficientStorage;
        }
        Assert.True(smallRefused, "the sender API kept storing small deliveries in a full database");
        using var read = await client.GetAsync($"/api/sender/deliveries/{stored}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(new FileInfo(Path.Combine(server.DataDirectory, "webhooks.db")).Length <= 131072);
    }
}
