using Workshop.Testing;

using Workshop.Security.Tests.Support;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>
/// Item 2: redelivery amplification. One stored delivery redelivered again and again would send a fresh round of
/// attempts each time; past <c>Webhooks:Sender:MaxRedeliveries</c> (3) the API answers 429 <c>redelivery-limit</c>.
/// </summary>
public sealed class StorageRedeliveryAttackTests
{
    [Fact]
    public async Task Redelivering_one_delivery_past_the_limit_is_refused_with_429()
    {
        await using var target = new LoopbackTarget();
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Webhooks:SenderApi:AllowedHosts:0"] = "127.0.0.1" });
        using var client = server.Client();
        using var enqueued = await StorageAttack.EnqueueAsync(client, target.Url());
        Assert.Equal(HttpStatusCode.Accepted, enqueued.StatusCode);
        var id = (await StorageAttack.JsonAsync(enqueued)).GetProperty("id").GetString();

        async Task WaitUntilSucceededAsync(int attempts)
        {
            await Eventually.HoldsAsync(async () =>
            {
                var view = await client.GetFromJsonAsync<JsonElement>($"/api/sender/deliveries/{id}");
                return view.GetProperty("status").GetString() == "succeeded" && view.GetProperty("attemptLog").GetArrayLength() == attempts;
            }, $"delivery {id} succeeded after {attempts} attempts", TimeSpan.FromSeconds(30));
        }

        await WaitUntilSucceededAsync(1);
        for (var round = 1; round <= 3; round++)
        {
            using var again = await client.PostAsync($"/api/sender/deliveries/{id}/redeliver", null);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            await WaitUntilSucceededAsync(1 + round);
        }

        using var refused = await client.PostAsync($"/api/sender/deliveries/{id}/redeliver", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("redelivery-limit", StorageAttack.Reason(await StorageAttack.JsonAsync(refused)));
    }
}
