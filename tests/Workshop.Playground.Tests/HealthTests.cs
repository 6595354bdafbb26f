using System.Net;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HealthTests(BrowserFixture browser)
{
    [Fact]
    public async Task Health_answers_200_over_real_http()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
    }

    [Fact]
    public async Task Health_opens_in_a_real_browser()
    {
        await using var server = new PlaygroundServer();
        var page = await browser.NewPageAsync();
        await using var pageContext = page.Context; // closed even when an assertion fails
        var response = await page.GotoAsync(new Uri(server.BaseAddress, "/health").ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Contains("ok", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
