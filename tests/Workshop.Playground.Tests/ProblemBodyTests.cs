using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Workshop.Playground.Tests;

/// <summary>The framework's own rejections answer with the same problem+json shape (and a reason) as the playground's.</summary>
public sealed class ProblemBodyTests
{
    public static TheoryData<string, string, string?, string?, int, string> Rejections => new()
    {
        { "POST", "/api/sender/deliveries", "{bad", "application/json", 400, "malformed-json" },
        { "POST", "/api/bins", "{bad", "application/json", 400, "malformed-json" },
        { "POST", "/api/sender/deliveries", "url=x", "application/x-www-form-urlencoded", 415, "unsupported-content-type" },
        { "GET", "/api/no-such-thing", null, null, 404, "not-found" },
        { "DELETE", "/webhooks/github", null, null, 405, "method-not-allowed" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task A_request_the_framework_rejects_gets_problem_json_with_a_reason(
        string method, string path, string? body, string? contentType, int status, string reason)
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);

        using var response = await http.SendAsync(request);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal); // no stack trace
    }
}
