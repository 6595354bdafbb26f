using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class GamePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_pages_play_tic_tac_toe_to_a_win_and_an_illegal_move_changes_nothing()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var url = new Uri(server.BaseAddress, "/play/game.html?game=browser-test").ToString();
        var x = await browser.NewPageAsync(errors);
        await x.GotoAsync(url);
        await Assertions.Expect(x.Locator("#you")).ToHaveTextAsync("X");
        var o = await browser.NewPageAsync(errors);
        await o.GotoAsync(url);
        try
        {
            await Assertions.Expect(o.Locator("#you")).ToHaveTextAsync("O");
            await Assertions.Expect(x.Locator("#status")).ToHaveTextAsync("Your turn.");

            await PlayAsync(x, 0, "X");
            // O tries to take X's cell: refused with a reason, the board is unchanged.
            await o.ClickAsync("#cell-0");
            await Assertions.Expect(o.Locator("#error")).ToContainTextAsync("taken");
            await Assertions.Expect(o.Locator("#cell-0")).ToHaveTextAsync("X");
            // X tries to move twice in a row.
            await x.ClickAsync("#cell-5");
            await Assertions.Expect(x.Locator("#error")).ToContainTextAsync("O's turn");
            await Assertions.Expect(o.Locator("#cell-5")).ToHaveTextAsync("");

            await PlayAsync(o, 3, "O");
            await PlayAsync(x, 1, "X");
            await PlayAsync(o, 4, "O");
            await x.ClickAsync("#cell-2");

            await Assertions.Expect(x.Locator("#status")).ToHaveTextAsync("X wins!");
            await Assertions.Expect(o.Locator("#status")).ToHaveTextAsync("X wins!");
            foreach (var (cell, mark) in new[] { (0, "X"), (1, "X"), (2, "X"), (3, "O"), (4, "O") })
                await Assertions.Expect(o.Locator($"#cell-{cell}")).ToHaveTextAsync(mark);
            Assert.Empty(errors);
        }
        finally
        {
            await x.Context.CloseAsync();
            await o.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_second_tab_of_the_same_browser_is_the_other_player_a_reload_rejoins_and_leave_ends_the_game()
    {
        await using var server = new PlaygroundServer();
        var errors = new List<string>();
        var url = new Uri(server.BaseAddress, "/play/game.html?game=reload-test").ToString();
        var x = await browser.NewPageAsync(errors);
        try
        {
            await x.GotoAsync(url);
            await Assertions.Expect(x.Locator("#you")).ToHaveTextAsync("X");
            // Same browser context, so the same localStorage: only a per-tab token makes this tab O.
            var o = await x.Context.NewPageAsync();
            o.PageError += (_, error) => { lock (errors) errors.Add(error); };
            await o.GotoAsync(url);
            await Assertions.Expect(o.Locator("#you")).ToHaveTextAsync("O");
            await PlayAsync(x, 4, "X");

            await o.ReloadAsync();
            await Assertions.Expect(o.Locator("#you")).ToHaveTextAsync("O");
            await Assertions.Expect(o.Locator("#cell-4")).ToHaveTextAsync("X");
            await PlayAsync(o, 0, "O");
            await Assertions.Expect(x.Locator("#cell-0")).ToHaveTextAsync("O");

            await o.ClickAsync("#leave");
            await Assertions.Expect(x.Locator("#status")).ToHaveTextAsync("O left. The game is over.");
            Assert.Empty(errors);
        }
        finally
        {
            await x.Context.CloseAsync();
        }
    }

    private static async Task PlayAsync(IPage page, int cell, string mark)
    {
        await page.ClickAsync($"#cell-{cell}");
        await Assertions.Expect(page.Locator($"#cell-{cell}")).ToHaveTextAsync(mark);
    }
}
