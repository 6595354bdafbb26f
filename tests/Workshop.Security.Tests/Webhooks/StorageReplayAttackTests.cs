using System.Text;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>
/// Item 7: GitHub and Razorpay sign the body only; the delivery id header is not signed. An attacker who captured
/// one signed request (a log, a proxy, an inspector bin) replays the body with a fresh id: the handler must not run again.
/// </summary>
public sealed class StorageReplayAttackTests
{
    [Theory]
    [InlineData("github")]
    [InlineData("razorpay")]
    public async Task A_captured_body_replayed_with_a_fresh_delivery_id_runs_the_handler_once(string scheme)
    {
        await using var server = new ProductionPlayground();
        using var client = server.Client();
        var secret = scheme == "github" ? server.GitHubSecret : server.RazorpaySecret;
        var body = Encoding.UTF8.GetBytes($"{{\"event\":\"payment.captured\",\"payment\":\"{StorageAttack.NewId("pay_")}\",\"amount\":50000}}");

        using var genuine = await client.SendAsync(StorageAttack.Provider(scheme, secret, body, StorageAttack.NewId("genuine-")));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.False((await StorageAttack.JsonAsync(genuine)).GetProperty("duplicate").GetBoolean());

        using var replay = await client.SendAsync(StorageAttack.Provider(scheme, secret, body, StorageAttack.NewId("forged-")));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await StorageAttack.JsonAsync(replay)).GetProperty("duplicate").GetBoolean(), "the replayed body ran the handler a second time");
    }
}
