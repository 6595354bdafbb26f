using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Workshop.Playground.Tests.Inspector.BinClient;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class InspectorCaptureTests(PlaygroundServer server) : IClassFixture<PlaygroundServer>
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseAddress };

    [Fact]
    public async Task Creating_a_bin_returns_an_unguessable_id_and_its_capture_url()
    {
        var first = await CreateBinAsync(_http);
        var second = await CreateBinAsync(_http);
        var id = first.GetProperty("id").GetString()!;
        Assert.Equal(22, id.Length);
        Assert.NotEqual(id, second.GetProperty("id").GetString());
        Assert.Equal(new Uri(server.BaseAddress, $"/hooks/{id}").ToString(), first.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("GET")]
    [InlineData("OPTIONS")]
    public async Task A_bin_captures_any_method_with_path_query_headers_and_body(string method)
    {
        var bin = await CreateBinIdAsync(_http);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/hooks/{bin}/deep/path?x=1&y=%20z");
        request.Headers.Add("X-Custom", "hello");
        if (method != "GET") request.Content = new StringContent($"body of {method}", Encoding.UTF8, "text/plain");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = Assert.Single(await RequestsAsync(_http, bin));
        Assert.Equal(method, capture.GetProperty("method").GetString());
        Assert.Equal($"/hooks/{bin}/deep/path?x=1&y=%20z", capture.GetProperty("path").GetString());
        Assert.Equal("hello", Header(capture, "X-Custom"));
        Assert.Equal(method == "GET" ? "" : $"body of {method}", capture.GetProperty("body").GetString());
        Assert.Equal("utf8", capture.GetProperty("bodyEncoding").GetString());
        Assert.Equal("127.0.0.1", capture.GetProperty("remoteAddress").GetString());
        Assert.Empty(capture.GetProperty("verdicts").EnumerateArray());
    }

    [Fact]
    public async Task The_bare_bin_url_is_captured_too()
    {
        var bin = await CreateBinIdAsync(_http);
        using var response = await _http.SendAsync(Post($"/hooks/{bin}", "{}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captured").GetInt64());
        Assert.Equal($"/hooks/{bin}", Assert.Single(await RequestsAsync(_http, bin)).GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_binary_body_is_kept_exactly_and_shown_as_base64()
    {
        var bin = await CreateBinIdAsync(_http);
        byte[] bytes = [0x00, 0xFF, 0xC3, 0x28, 0x01, 0x7F];
        using var response = await _http.PostAsync($"/hooks/{bin}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capture = Assert.Single(await RequestsAsync(_http, bin));
        Assert.Equal("base64", capture.GetProperty("bodyEncoding").GetString());
        Assert.Equal(bytes, Convert.FromBase64String(capture.GetProperty("body").GetString()!));
        Assert.Equal(bytes.Length, capture.GetProperty("bodyBytes").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_not_captured()
    {
        var bin = await CreateBinIdAsync(_http);
        using var response = await _http.PostAsync($"/hooks/{bin}", new ByteArrayContent(new byte[256 * 1024 + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("body-too-large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Empty(await RequestsAsync(_http, bin));

        using var atLimit = await _http.PostAsync($"/hooks/{bin}", new ByteArrayContent(new byte[256 * 1024]));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact]
    public async Task An_unknown_bin_is_404_problem_json_for_captures_and_the_api()
    {
        foreach (var (method, path) in new[] { ("POST", "/hooks/nosuchbin"), ("GET", "/api/bins/nosuchbin"), ("GET", "/api/bins/nosuchbin/requests"), ("GET", "/api/bins/nosuchbin/events") })
        {
            using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var capture = await _http.PostAsync("/hooks/nosuchbin", null);
        Assert.Equal("unknown-bin", (await capture.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bin_keeps_only_its_latest_captures()
    {
        var bin = await CreateBinIdAsync(_http);
        for (var i = 1; i <= 53; i++)
        {
            using var response = await _http.SendAsync(Post($"/hooks/{bin}", $"{{\"n\":{i}}}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var ids = (await RequestsAsync(_http, bin)).Select(c => c.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(50, ids.Length);
        Assert.Equal(53, ids[0]);
        Assert.Equal(4, ids[^1]);
        using var dropped = await _http.GetAsync($"/api/bins/{bin}/requests/3");
        Assert.Equal(HttpStatusCode.NotFound, dropped.StatusCode);
    }

    [Fact]
    public async Task A_flood_of_concurrent_requests_gets_distinct_ids_and_the_bin_keeps_only_the_latest()
    {
        var bin = await CreateBinIdAsync(_http);
        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
        {
            using var response = await _http.SendAsync(Post($"/hooks/{bin}", $"{{\"n\":{i}}}"));
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("captured").GetInt64());
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), answers.Select(a => a.Item2).Order());
        var kept = (await RequestsAsync(_http, bin)).Select(c => c.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range(71, 50).Reverse().Select(i => (long)i), kept);
    }

    [Fact]
    public async Task A_deleted_bin_no_longer_captures()
    {
        var bin = await CreateBinIdAsync(_http);
        using var deleted = await _http.DeleteAsync($"/api/bins/{bin}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var response = await _http.SendAsync(Post($"/hooks/{bin}", "{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
