using System.Globalization;
using System.Text;
using Workshop.Protocols.Webhooks;
using Workshop.Security.Tests.Support;
using Workshop.Testing;

namespace Workshop.Security.Tests.Webhooks;

/// <summary>Item 1: the sender API is not a signing oracle for the server's own receiver secrets.</summary>
public sealed class SigningOracleTests
{
    [Fact]
    public async Task A_delivery_to_the_servers_own_receiver_is_refused_outside_development()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var forged = new { url = new Uri(server.BaseAddress, "/webhooks/standard").AbsoluteUri, eventType = "payment.captured", payload = new { amount = 1 } };

        using var response = await http.PostAsJsonAsync("/api/sender/deliveries", forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("destination-not-allowed", await Attack.ReasonAsync(response));
    }

    [Fact]
    public async Task An_event_the_sender_signed_for_a_caller_is_refused_when_replayed_to_the_servers_receiver()
    {
        await using var sink = new LoopbackTarget();
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Webhooks:SenderApi:AllowedHosts:0"] = "127.0.0.1" });
        using var http = server.Client();

        using var created = await http.PostAsJsonAsync("/api/sender/deliveries",
            new { url = sink.Url("/forged").AbsoluteUri, eventType = "payment.captured", payload = new { amount = 1_000_000 } });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var generated = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        await Eventually.HoldsAsync(() => Task.FromResult(!sink.Received.IsEmpty), "the sender delivers the event");
        var signed = sink.Received.First();

        Assert.NotEqual(server.StandardSecret, generated);
        Assert.False(new StandardWebhookVerifier(server.StandardSecret).Verify(Headers(signed), signed.Body).IsValid);
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/webhooks/standard") { Content = new ByteArrayContent(signed.Body) };
        replay.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var name in new[] { "webhook-id", "webhook-timestamp", "webhook-signature" }) replay.Headers.Add(name, signed.Headers[name]);
        using var answer = await http.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.True(new StandardWebhookVerifier(generated!).Verify(Headers(signed), signed.Body).IsValid, "the caller can verify with the secret it was shown");
    }

    [Fact]
    public async Task A_delivery_to_one_of_the_servers_bins_is_signed_with_that_bins_own_secret_not_the_receivers()
    {
        await using var server = new ProductionPlayground();
        using var http = server.Client();
        var bin = await Attack.BinUrlAsync(http);
        var binSecret = (await http.GetFromJsonAsync<JsonElement>(bin.Replace("/hooks/", "/api/bins/", StringComparison.Ordinal))).GetProperty("secrets").GetProperty("standard").GetString();

        using var created = await http.PostAsJsonAsync("/api/sender/deliveries", new { url = bin, eventType = "payment.captured" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(binSecret, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString());
        JsonElement capture = default;
        await Eventually.HoldsAsync(async () =>
        {
            var captures = await http.GetFromJsonAsync<JsonElement>(bin.Replace("/hooks/", "/api/bins/", StringComparison.Ordinal) + "/requests");
            if (captures.GetArrayLength() == 0) return false;
            capture = captures[0];
            return true;
        }, "the bin captures the delivery");

        Assert.NotEqual(server.StandardSecret, binSecret);
        var verdict = capture.GetProperty("verdicts")[0];
        Assert.True(verdict.GetProperty("valid").GetBoolean());
        Assert.Equal("bin", verdict.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task A_delivery_to_an_arbitrary_host_is_refused_outside_development()
    {
        await using var sink = new LoopbackTarget();
        await using var server = new ProductionPlayground();
        using var http = server.Client();

        using var response = await http.PostAsJsonAsync("/api/sender/deliveries", new { url = sink.Url().AbsoluteUri, secret = WebhookSecret.Generate() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("destination-not-allowed", await Attack.ReasonAsync(response));
        Assert.Equal(0, sink.Connections);
    }

    [Fact]
    public async Task Start_up_refuses_the_documented_development_secrets_outside_development()
    {
        var error = Assert.ThrowsAny<Exception>(() => new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Webhooks:GitHub:Secret"] = Workshop.Playground.Features.Webhooks.ReferenceWebhookSecrets.DevGitHub,
        }));
        Assert.Contains("Webhooks:GitHub:Secret", Flatten(error), StringComparison.Ordinal);
    }

    internal static string Flatten(Exception error)
    {
        var text = new StringBuilder();
        for (Exception? e = error; e is not null; e = e.InnerException) text.AppendLine(e.Message);
        return text.ToString();
    }

    private static Microsoft.AspNetCore.Http.HeaderDictionary Headers(SinkRequest request)
    {
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
        foreach (var (name, value) in request.Headers) headers[name] = value;
        return headers;
    }
}
