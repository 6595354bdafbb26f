using System.Globalization;
using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LiveFeedBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Feed_page_resumes_after_a_server_side_drop_with_no_lost_and_no_duplicated_event_id()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(new Uri(server.BaseAddress, "/play/feed.html").ToString());
        await Eventually.HoldsAsync(async () => (await IdsAsync(page)).Count >= 2, "two feed events are shown");
        Assert.Equal("open", await page.GetAttributeAsync("#state", "data-state"));

        await page.ClickAsync("#drop");

        await Eventually.HoldsAsync(async () => await page.TextContentAsync("#drop-result") == "dropped 1 stream(s)", "the drop is confirmed");
        await Eventually.HoldsAsync(async () => await page.TextContentAsync("#reconnects") == "1", "the page reconnected by itself");
        await Eventually.HoldsAsync(
            async () => await page.Locator("li[data-kind=event] .feed-mark-replayed").CountAsync() >= 1,
            "events published while away are shown as replayed");
        var replayedIds = await IdsAsync(page, "li[data-kind=event]:has(.feed-mark-replayed)");
        await Eventually.HoldsAsync(async () => (await IdsAsync(page)).Last() > replayedIds.Last() + 1, "live events follow the replay");

        var ids = await IdsAsync(page);
        for (var i = 1; i < ids.Count; i++)
            Assert.True(ids[i] == ids[i - 1] + 1, $"event ids must follow each other without gap or repeat: {string.Join(",", ids)}");
        Assert.Equal(2, await page.Locator("li[data-kind=hello]").CountAsync());
        Assert.Equal("Hello from server", await page.Locator("li[data-kind=hello] .feed-data").First.TextContentAsync());
        Assert.Empty(errors);
    }

    private static async Task<List<long>> IdsAsync(IPage page, string selector = "li[data-kind=event]")
    {
        var ids = await page.Locator(selector).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        return [.. ids.Select(id => long.Parse(id, CultureInfo.InvariantCulture))];
    }
}
