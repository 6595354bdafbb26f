using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class InspectorRedeliverySafetyTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    [Fact]
    public async Task In_development_a_redelivery_keeps_the_captured_method_but_never_forwards_credentials_headers()
    {
        var source = await CreateBinIdAsync(_http);
        var target = await CreateBinAsync(_http);
        var request = SignedForAll($"/hooks/{source}", "{\"a\":1}", target);
        request.Method = HttpMethod.Put;
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer learner-token");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic abc");
        request.Headers.TryAddWithoutValidation("Cookie", "session=1");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "k");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", "t");
        request.Headers.TryAddWithoutValidation("X-Refresh-Token", "t2");
        request.Headers.TryAddWithoutValidation("X-Client-Secret", "s");
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        using (var captured = await _http.SendAsync(request)) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);

        using var response = await _http.PostAsJsonAsync($"/api/bins/{source}/requests/1/redeliver", new { url = target.GetProperty("url").GetString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PUT", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("method").GetString());
        var copy = Assert.Single(await RequestsAsync(_http, target.GetProperty("id").GetString()!));
        Assert.Equal("PUT", copy.GetProperty("method").GetString());
        foreach (var name in new[] { "Authorization", "Proxy-Authorization", "Cookie", "X-Api-Key", "X-Auth-Token", "X-Refresh-Token", "X-Client-Secret" })
            Assert.Null(Header(copy, name));
        Assert.Equal("kept", Header(copy, "X-Custom"));
        Assert.All(Verdicts(copy).Values, reason => Assert.Equal("valid", reason)); // the signature headers travel
    }

    [Fact]
    public async Task A_redelivery_that_gets_no_answer_is_a_502_no_answer_without_timing_or_cause()
    {
        var bin = await CreateBinIdAsync(_http);
        using (var captured = await _http.SendAsync(Post($"/hooks/{bin}", "{}"))) Assert.Equal(HttpStatusCode.OK, captured.StatusCode);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var response = await _http.PostAsJsonAsync($"/api/bins/{bin}/requests/1/redeliver", new { url = $"http://127.0.0.1:{closedPort}/" });

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no-answer", problem.GetProperty("reason").GetString());
        Assert.False(problem.TryGetProperty("durationMs", out _));
        Assert.DoesNotContain("refused", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_forward_url_is_checked_by_the_destination_guard_when_the_bin_is_created()
    {
        using (var metadata = await _http.PostAsJsonAsync("/api/bins", new { forwardUrl = "http://169.254.169.254/latest/" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, metadata.StatusCode);
            Assert.Equal("destination-refused", (await metadata.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }
        using (var notHttp = await _http.PostAsJsonAsync("/api/bins", new { forwardUrl = "gopher://example.com/" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notHttp.StatusCode);
            Assert.Equal("bad-url", (await notHttp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }
        var created = await CreateBinAsync(_http, new { forwardUrl = "http://127.0.0.1:9/hook" });
        Assert.Equal("http://127.0.0.1:9/hook", created.GetProperty("forwardUrl").GetString());
    }
}
