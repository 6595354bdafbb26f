using Microsoft.Playwright;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>Lab 09's page checks: two tabs of one browser (so they share localStorage, not sessionStorage).</summary>
public sealed partial class MultiplayerGameChecks
{
    private const string ReadBoard = "() => [...document.querySelectorAll('#board [data-cell]')].map(c => c.textContent.trim() || '-').join('')";

    private static async Task<string> BoardOfAsync(IPage page) => await page.EvaluateAsync<string>(ReadBoard);

    private static async Task<bool> WaitForBoardAsync(IPage page, string board)
    {
        try
        {
            await page.WaitForFunctionAsync($"b => ({ReadBoard})() === b", board, new PageWaitForFunctionOptions { Timeout = PageProbe.WaitMilliseconds, PollingInterval = 50 });
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Opens the game in both tabs, X's first; null when both show their seats, else what went wrong.</summary>
    private static async Task<string?> SeatTabsAsync(CheckContext context, IPage x, IPage o, List<string> errors)
    {
        var url = context.HttpUrl($"/?game={GamePlayer.NewGameId()}").ToString();
        foreach (var (page, seat) in new[] { (x, "X"), (o, "O") })
        {
            await page.GotoAsync(url);
            if (!await PageProbe.WaitForTextAsync(page, "#seat", seat))
                return $"the {(seat == "X" ? "first" : "second")} tab never showed {seat}: " + PageProbe.WithErrors(await PageProbe.TextOfAsync(page, "#seat"), errors);
        }
        return null;
    }

    // A click waits until the cell can take it (visible, enabled): two tabs on a loaded machine may need seconds to get
    // there after the last state arrived; a page whose cell never becomes clickable fails with that reason.
    private const float ClickMilliseconds = 8000;

    private static async Task<bool> ClickCellAsync(IPage page, int cell)
    {
        try
        {
            await page.ClickAsync($"#board [data-cell=\"{cell}\"]", new() { Timeout = ClickMilliseconds });
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<string> BoardsAsync(IPage x, IPage o, List<string> errors) =>
        PageProbe.WithErrors($"X's tab shows {await BoardOfAsync(x)}, O's tab shows {await BoardOfAsync(o)}", errors);

    private static Task<CheckOutcome> TwoPagesPlay(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 2, async (pages, errors) =>
        {
            var (x, o) = (pages[0], pages[1]);
            if (await SeatTabsAsync(context, x, o, errors) is { } problem) return CheckOutcome.Fail(problem);
            var board = "---------".ToCharArray();
            foreach (var (page, cell) in new[] { (x, 0), (o, 3), (x, 1), (o, 4), (x, 2) })
            {
                if (!await ClickCellAsync(page, cell))
                    return CheckOutcome.Fail($"cell {cell} of {(page == x ? "X" : "O")}'s tab could not be clicked (hidden or disabled) within {ClickMilliseconds / 1000} s: " + await BoardsAsync(x, o, errors));
                board[cell] = page == x ? 'X' : 'O';
                var expected = new string(board);
                if (!await WaitForBoardAsync(x, expected) || !await WaitForBoardAsync(o, expected))
                    return CheckOutcome.Fail($"after a click on cell {cell}, expected {expected} in both tabs: " + await BoardsAsync(x, o, errors));
            }
            bool clean;
            lock (errors) clean = errors.Count == 0;
            return CheckOutcome.When(clean, await BoardsAsync(x, o, errors));
        });

    private static Task<CheckOutcome> ReloadRejoins(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 2, async (pages, errors) =>
        {
            var (x, o) = (pages[0], pages[1]);
            if (await SeatTabsAsync(context, x, o, errors) is { } problem) return CheckOutcome.Fail(problem);
            if (!await ClickCellAsync(x, 4)) return CheckOutcome.Fail("cell 4 of X's tab could not be clicked (hidden or disabled): " + await BoardsAsync(x, o, errors));
            if (!await WaitForBoardAsync(o, "----X----")) return CheckOutcome.Fail("before the reload: " + await BoardsAsync(x, o, errors));
            await o.ReloadAsync();
            if (!await PageProbe.WaitForTextAsync(o, "#seat", "O"))
                return CheckOutcome.Fail("after the reload, O's tab " + PageProbe.WithErrors(await PageProbe.TextOfAsync(o, "#seat"), errors));
            if (!await WaitForBoardAsync(o, "----X----")) return CheckOutcome.Fail("after the reload: " + await BoardsAsync(x, o, errors));
            if (!await ClickCellAsync(o, 0)) return CheckOutcome.Fail("after the reload, cell 0 of O's tab could not be clicked (hidden or disabled): " + await BoardsAsync(x, o, errors));
            var ok = await WaitForBoardAsync(x, "O---X----");
            lock (errors) ok &= errors.Count == 0;
            return CheckOutcome.When(ok, "after the reload and O's click on cell 0: " + await BoardsAsync(x, o, errors));
        });
}
