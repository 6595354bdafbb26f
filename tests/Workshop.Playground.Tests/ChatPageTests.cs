using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ChatPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_pages_in_the_same_room_talk_to_each_other()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var ada = await OpenChatAsync(server, "ada", errors);
        var bob = await OpenChatAsync(server, "bob", errors);
        try
        {
            await Assertions.Expect(ada.Locator("#members")).ToContainTextAsync("bob");

            await SayAsync(ada, "hello from ada");
            await SayAsync(bob, "hi ada");

            await Assertions.Expect(bob.Locator("#log")).ToContainTextAsync("ada: hello from ada");
            await Assertions.Expect(ada.Locator("#log")).ToContainTextAsync("bob: hi ada");
            Assert.Empty(errors);
        }
        finally
        {
            await ada.Context.CloseAsync();
            await bob.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_script_or_onerror_payload_is_shown_as_text_and_never_runs()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var ada = await OpenChatAsync(server, "ada", errors);
        var bob = await OpenChatAsync(server, "<img src=x onerror=__pwned=1>", errors);
        try
        {
            const string img = "<img src=x onerror=\"window.__pwned=2\">";
            const string script = "<script>window.__pwned=3</script>";
            await SayAsync(ada, img);
            await SayAsync(ada, script);

            foreach (var page in new[] { ada, bob })
            {
                await Assertions.Expect(page.Locator("#log")).ToContainTextAsync(script);
                Assert.Contains(img, await page.Locator("#log").InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(0, await page.Locator("#log img, #log script, #members img").CountAsync());
                Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
            }
            // The hostile name arrived as text in ada's member list too.
            await Assertions.Expect(ada.Locator("#members")).ToContainTextAsync("<img src=x");
        }
        finally
        {
            await ada.Context.CloseAsync();
            await bob.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_page_shows_the_server_going_away_and_that_it_is_reconnecting()
    {
        var server = new PlaygroundServer();
        var page = await OpenChatAsync(server, "ada", []);
        try
        {
            await server.DisposeAsync(); // graceful shutdown: every socket gets 1001

            await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "reconnecting");
            await Assertions.Expect(page.Locator("#state")).ToContainTextAsync("closed 1001");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<IPage> OpenChatAsync(PlaygroundServer server, string name, List<string> errors)
    {
        var page = await browser.NewPageAsync(errors);
        await page.GotoAsync(new Uri(server.BaseAddress, "/play/chat.html").ToString());
        await Assertions.Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "open");
        await page.FillAsync("#name", name);
        await page.FillAsync("#room", "lobby");
        await page.ClickAsync("#join");
        await Assertions.Expect(page.Locator("#log")).ToContainTextAsync($"{name} joined");
        return page;
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#text", text);
        await page.ClickAsync("#send");
    }
}
