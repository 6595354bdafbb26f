using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workshop.Protocols.Http;

namespace Workshop.Protocols.Tests.Http;

public sealed class HttpProblemsTests
{
    [Fact]
    public async Task A_problem_carries_its_status_title_detail_reason_and_extra_members()
    {
        var (status, contentType, body) = await RunAsync(HttpProblems.Result(429, "rate-limited", "Rate limit exceeded", "Retry in 3 s.",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = 3 }));

        Assert.Equal(429, status);
        Assert.StartsWith(HttpProblems.MediaType, contentType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(429, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Rate limit exceeded", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("Retry in 3 s.", json.RootElement.GetProperty("detail").GetString());
        Assert.Equal("rate-limited", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("retryAfterSeconds").GetInt32());
    }

    [Fact]
    public async Task A_uniform_problem_is_byte_for_byte_the_same_on_every_request_even_with_the_problem_details_service()
    {
        var first = await RunAsync(HttpProblems.Uniform(502, "no-answer", "Refused", "No answer."), withProblemDetails: true);
        var second = await RunAsync(HttpProblems.Uniform(502, "no-answer", "Refused", "No answer."), withProblemDetails: true);

        Assert.Equal(502, first.Status);
        Assert.StartsWith(HttpProblems.MediaType, first.ContentType, StringComparison.Ordinal);
        Assert.Equal(first.Body, second.Body);
        Assert.DoesNotContain("traceId", first.Body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(first.Body);
        Assert.Equal("no-answer", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void A_problem_without_a_reason_is_refused()
        => Assert.Throws<ArgumentException>(() => HttpProblems.Result(400, " ", "Bad", "Bad."));

    private static async Task<(int Status, string ContentType, string Body)> RunAsync(IResult result, bool withProblemDetails = false)
    {
        var services = new ServiceCollection().AddLogging();
        if (withProblemDetails) services.AddProblemDetails();
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
