using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Site.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class SiteBrowserTests(BrowserFixture browser, SiteServer server) : IClassFixture<SiteServer>
{
    [Fact]
    public async Task Searching_for_Last_Event_ID_finds_the_SSE_pages()
    {
        var expected = PagesMentioning("Last-Event-ID");
        Assert.Contains("protocols.html", expected);
        var page = await browser.NewPageAsync();
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "index.html");

        await page.FillAsync("#search", "Last-Event-ID");
        await page.Locator("#search-results a").First.WaitForAsync();
        var found = (await page.Locator("#search-results a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Select(href => href.Split('#')[0]).ToHashSet();

        Assert.Superset(expected, found);
        await page.Locator("#search-results a").First.ClickAsync();
        await page.WaitForURLAsync(url => expected.Any(p => new Uri(url).AbsolutePath.EndsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Next_and_previous_links_walk_the_course_in_sidebar_order()
    {
        var page = await browser.NewPageAsync();
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "index.html");
        var course = await page.Locator(".toc > ol > li > a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.True(course.Length >= 5, $"only {course.Length} pages in the sidebar");

        var forward = new List<string> { FileName(page.Url) };
        while (await page.Locator("a[rel=next]").CountAsync() > 0)
        {
            await page.ClickAsync("a[rel=next]");
            // The URL changes when the next document commits, before its pager (at the end) is parsed.
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            forward.Add(FileName(page.Url));
            Assert.True(forward.Count <= course.Length, "the next links go round in a circle");
        }
        Assert.Equal(course, forward);

        var backward = new List<string> { FileName(page.Url) };
        while (await page.Locator("a[rel=prev]").CountAsync() > 0)
        {
            await page.ClickAsync("a[rel=prev]");
            // The URL changes when the next document commits, before its pager (at the end) is parsed.
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            backward.Add(FileName(page.Url));
            Assert.True(backward.Count <= course.Length, "the previous links go round in a circle");
        }
        Assert.Equal(course.Reverse(), backward);
    }

    [Fact]
    public async Task The_theme_toggle_switches_to_dark_and_the_choice_survives_a_reload()
    {
        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { ColorScheme = ColorScheme.Light });
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "protocols.html");
        Assert.Equal("rgb(255, 255, 255)", await Background(page));

        await page.ClickAsync("#theme-toggle");
        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        Assert.Equal("rgb(13, 17, 23)", await Background(page));

        await page.ReloadAsync();
        Assert.Equal("rgb(13, 17, 23)", await Background(page));

        await page.ClickAsync("#theme-toggle");
        await page.GotoAsync(server.Course + "index.html");
        Assert.Equal("rgb(255, 255, 255)", await Background(page));
    }

    [Fact]
    public async Task The_theme_follows_a_dark_system_until_the_reader_picks_one()
    {
        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "index.html");

        Assert.Equal("rgb(13, 17, 23)", await Background(page));
        await page.ClickAsync("#theme-toggle");
        Assert.Equal("rgb(255, 255, 255)", await Background(page));
    }

    [Fact]
    public async Task A_copy_button_puts_the_code_on_the_clipboard()
    {
        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { Permissions = ["clipboard-read", "clipboard-write"] });
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "protocols.html");
        var block = page.Locator(".code").Filter(new() { Has = page.Locator("pre.lang-javascript") }).First;
        var code = await block.Locator("pre code").TextContentAsync();

        Assert.NotEqual(code, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        await block.Locator("button.copy").ClickAsync();

        await Eventually.HoldsAsync(async () => await page.EvaluateAsync<string>("navigator.clipboard.readText()") == code, "the clipboard holds the code");
        Assert.Contains("new WebSocket(", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_loads_only_from_the_site_and_logs_no_console_error()
    {
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await using var pageContext = page.Context; // closed even when an assertion fails
        var requests = new List<string>();
        page.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        await page.GotoAsync(server.Course + "index.html");
        var course = await page.Locator(".toc > ol > li > a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

        foreach (var href in course)
        {
            var response = await page.GotoAsync(server.Course + href);
            Assert.Equal(200, response!.Status);
        }

        lock (requests)
        {
            Assert.True(requests.Count > course.Length, "no requests were seen");
            Assert.All(requests, url => Assert.StartsWith(server.Course.ToString(), url, StringComparison.Ordinal));
        }
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Search_and_theme_work_when_the_site_is_opened_from_disk()
    {
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(new Uri(Path.Combine(server.Output, "index.html")).AbsoluteUri);

        await page.FillAsync("#search", "webhook signature");
        await page.Locator("#search-results a").First.WaitForAsync();
        Assert.EndsWith("/play/", await page.GetAttributeAsync("#playground-link", "href"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_the_outline_opens_from_the_menu_button()
    {
        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "protocols.html");
        Assert.False(await page.IsVisibleAsync("#sidebar"));

        await page.ClickAsync("#nav-toggle");

        Assert.True(await page.IsVisibleAsync("#sidebar"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await page.IsVisibleAsync("#sidebar"));
    }

    [Fact]
    public async Task Printing_shows_the_article_without_the_header_outline_or_pager()
    {
        var page = await browser.NewPageAsync(options: new BrowserNewContextOptions { ColorScheme = ColorScheme.Dark });
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(server.Course + "protocols.html");
        Assert.True(await page.IsVisibleAsync("#sidebar"));

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(await page.IsVisibleAsync("#sidebar"));
        Assert.False(await page.IsVisibleAsync("header.top"));
        Assert.False(await page.IsVisibleAsync(".pager"));
        Assert.True(await page.IsVisibleAsync("article h1"));
        Assert.Equal("rgb(255, 255, 255)", await Background(page));
    }

    private static Task<string> Background(IPage page) => page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    private static string FileName(string url) => new Uri(url).Segments[^1];

    /// <summary>Built pages whose article mentions <paramref name="term"/>: what a search must find.</summary>
    private HashSet<string> PagesMentioning(string term)
        => Directory.GetFiles(server.Output, "*.html")
            .Where(f => Article().Match(File.ReadAllText(f)).Value.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetFileName(f)!)
            .ToHashSet();

    [GeneratedRegex("<article>[\\s\\S]*</article>")]
    private static partial Regex Article();
}
