using Workshop.Testing;

namespace Workshop.Playground.Tests.Inspector;

[Collection(BrowserCollection.Name)]
public sealed class SenderBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_sender_page_delivers_a_signed_payment_captured_to_a_fresh_bin_and_shows_a_2xx_attempt()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(new Uri(server.BaseAddress, "/play/sender.html").ToString());
        await Eventually.HoldsAsync(async () => (await page.InputValueAsync("#url")).StartsWith(new Uri(server.BaseAddress, "/hooks/").ToString(), StringComparison.Ordinal),
            "a fresh bin on this server is the default destination");
        Assert.Equal("payment.captured", await page.InputValueAsync("#event-type"));

        await page.ClickAsync("#send");

        await Eventually.HoldsAsync(async () => await page.TextContentAsync("#status") == "succeeded", "the delivery succeeded");
        var attempt = page.Locator("#attempts li").First;
        Assert.Equal("true", await attempt.GetAttributeAsync("data-ok"));
        Assert.Equal("200", await attempt.GetAttributeAsync("data-status"));
        await Eventually.HoldsAsync(async () => await page.Locator("#received li.capture").CountAsync() == 1, "the bin's capture is shown on the sender page");
        Assert.Equal(["standard: valid"], await page.Locator("#received .capture-head .verdict").AllTextContentsAsync());
        Assert.Contains("\"type\":\"payment.captured\"", await page.Locator("#received .capture-body").TextContentAsync());

        await page.ClickAsync("#redeliver");
        await Eventually.HoldsAsync(async () => await page.Locator("#received li.capture").CountAsync() == 2, "the redelivery reaches the bin");
        await Eventually.HoldsAsync(async () => await page.TextContentAsync("#status") == "succeeded", "the redelivery succeeded");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_payload_box_shows_only_for_custom_json_and_what_is_typed_there_is_what_the_bin_receives()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var page = await browser.NewPageAsync(errors);
        await using var pageContext = page.Context; // closed even when an assertion fails
        await page.GotoAsync(new Uri(server.BaseAddress, "/play/sender.html").ToString());
        await page.Locator("#receiver:not([hidden])").WaitForAsync();

        // payment.captured: no box whose content would be ignored, and a note that the server makes the body.
        Assert.False(await page.IsVisibleAsync("#custom-payload"), "the payload box shows for payment.captured, whose body it does not set");
        Assert.False(await page.IsVisibleAsync("#custom-type"));
        Assert.True(await page.IsVisibleAsync("#sample-note"));
        await page.SelectOptionAsync("#event-type", "push");
        Assert.Equal("push", await page.TextContentAsync("#sample-type"));
        Assert.False(await page.IsVisibleAsync("#custom-payload"));

        await page.SelectOptionAsync("#event-type", "custom");
        Assert.True(await page.IsVisibleAsync("#custom-payload"));
        Assert.False(await page.IsVisibleAsync("#sample-note"));
        await page.FillAsync("#custom-payload", "{\"order\": {\"id\": \"ord_typed_here\"}}");
        await page.ClickAsync("#send");

        await Eventually.HoldsAsync(async () => await page.Locator("#received li.capture").CountAsync() == 1, "the custom event reaches the bin");
        Assert.Contains("ord_typed_here", await page.Locator("#received .capture-body").TextContentAsync());
        Assert.Empty(errors);
    }
}
