using System.Net;
using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CourseSiteTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_root_serves_the_course_site_built_at_start_up_and_play_stays_the_playgrounds()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var home = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"assets/search-index.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"playground-link\" class=\"header-link\" href=\"play/index.html\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/assets/search-index.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/protocols.html")).StatusCode);

        var play = await http.GetStringAsync("/play/");
        Assert.DoesNotContain("search-index.js", play, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sites_playground_link_opens_the_playground()
    {
        await using var server = new PlaygroundServer();
        var page = await browser.NewPageAsync();
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.BaseAddress.ToString());

        await page.ClickAsync("#playground-link");

        // Commit is enough: the test is about where the link goes, not how long the next page takes to load.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/play/", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }
}
