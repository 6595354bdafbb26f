using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workshop.Testing;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

public sealed class InspectorLoggingTests
{
    [Fact]
    public async Task No_log_line_contains_a_bin_id_or_one_of_its_secrets_through_create_capture_redeliver_and_delete()
    {
        await using var server = new LoggedPlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var created = await CreateBinAsync(http, new { gitHubSecret = "own-github-secret-value" });
        var bin = created.GetProperty("id").GetString()!;
        var target = await CreateBinAsync(http);

        using (var captured = await http.SendAsync(SignedForAll($"/hooks/{bin}/sub?x=1", "{\"a\":1}", created))) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);
        using (var redelivered = await http.PostAsJsonAsync($"/api/bins/{bin}/requests/1/redeliver", new { url = target.GetProperty("url").GetString() }))
            Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        using (var refused = await http.PostAsJsonAsync($"/api/bins/{bin}/requests/1/redeliver", new { url = "http://169.254.169.254/" }))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var tooBig = await http.PostAsync($"/hooks/{bin}", new ByteArrayContent(new byte[created.GetProperty("maxBodyBytes").GetInt32() + 1])))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        using (var deleted = await http.DeleteAsync($"/api/bins/{bin}")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bin)))[..8];
        await Eventually.HoldsAsync(() => server.Logs.Lines.Any(l => l.Contains($"bin {fingerprint} removed", StringComparison.Ordinal)), "the removal is logged by fingerprint");
        string[] forbidden = [bin, target.GetProperty("id").GetString()!, Secret(created, "standard"), Secret(created, "standard")["whsec_".Length..],
            Secret(created, "github"), Secret(created, "razorpay"), Secret(target, "standard")["whsec_".Length..]];
        var lines = server.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("captured request 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Redelivered capture 1", StringComparison.Ordinal));
        foreach (var secret in forbidden)
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
    }
}
