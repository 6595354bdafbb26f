using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>
/// The playground's game page in two real browsers, one on each instance (two playground processes on a
/// redis-server of their own): clicks on one page reach the other through Redis, and a reload rejoins its seat.
/// </summary>
public sealed class SharedGameBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("workshop-game-pages-").FullName;
    private readonly string _prefix = RedisEndpoint.UniquePrefix();
    private RedisChildServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisChildServer.StartAsync();

    [Fact]
    public async Task Two_browsers_on_different_instances_play_to_a_win_and_a_reloaded_page_rejoins_its_seat()
    {
        await using var a = await StartAsync();
        await using var b = await StartAsync();
        var errors = new List<string>();
        var x = await browser.NewPageAsync(errors);
        var o = await browser.NewPageAsync(errors);
        try
        {
            await x.GotoAsync(new Uri(a.BaseAddress, "/play/game.html?game=two-browsers").ToString());
            await Assertions.Expect(x.Locator("#you")).ToHaveTextAsync("X");
            await o.GotoAsync(new Uri(b.BaseAddress, "/play/game.html?game=two-browsers").ToString());
            await Assertions.Expect(o.Locator("#you")).ToHaveTextAsync("O");
            await Assertions.Expect(x.Locator("#status")).ToHaveTextAsync("Your turn.");

            await PlayAsync(x, o, 0, "X");
            await o.ClickAsync("#cell-0"); // X's cell: refused on B, nothing changes
            await Assertions.Expect(o.Locator("#error")).ToContainTextAsync("taken");
            await o.ReloadAsync(); // the token in sessionStorage brings O back to its seat
            await Assertions.Expect(o.Locator("#you")).ToHaveTextAsync("O");
            await Assertions.Expect(o.Locator("#cell-0")).ToHaveTextAsync("X");
            await PlayAsync(o, x, 3, "O");
            await PlayAsync(x, o, 1, "X");
            await PlayAsync(o, x, 4, "O");
            await x.ClickAsync("#cell-2");
            await Assertions.Expect(x.Locator("#status")).ToHaveTextAsync("X wins!");
            await Assertions.Expect(o.Locator("#status")).ToHaveTextAsync("X wins!");
            Assert.Empty(errors);
        }
        finally
        {
            await x.Context.CloseAsync();
            await o.Context.CloseAsync();
        }
    }

    // A click counts once the other page, on the other instance, shows it.
    private static async Task PlayAsync(IPage page, IPage other, int cell, string mark)
    {
        await page.ClickAsync($"#cell-{cell}");
        await Assertions.Expect(other.Locator($"#cell-{cell}")).ToHaveTextAsync(mark);
    }

    private async Task<ChildProcessHost> StartAsync() => await ChildProcessHost.StartAsync(RepoPaths.BuiltAssembly("Workshop.Playground"), new Dictionary<string, string?>
    {
        ["Redis__Configuration"] = _redis.Address,
        ["Redis__KeyPrefix"] = _prefix,
        ["Workshop__DataDirectory"] = Path.Combine(_data, Guid.NewGuid().ToString("N")),
    });

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the OS cleans the temp folder later.
        }
    }
}
