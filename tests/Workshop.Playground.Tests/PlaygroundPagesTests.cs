using Microsoft.Playwright;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

[Collection(BrowserCollection.Name)]
public sealed class PlaygroundPagesTests(BrowserFixture browser)
{
    // What shows that a page finished starting up (its first fetches and connections are done).
    private static readonly Dictionary<string, string> Ready = new(StringComparer.Ordinal)
    {
        ["chat.html"] = "#state[data-state='open']",
        ["feed.html"] = "#state[data-state='open']",
        ["game.html"] = "#state[data-state='open']",
        ["inspector.html"] = "#create",
        ["sender.html"] = "#receiver:not([hidden])",
        ["notifications.html"] = "#state[data-state='signed-out']",
    };

    // The one answer over 400 a page expects: the signed-out notifications page asks for the inbox and is told 401
    // (its session cookie is HttpOnly, so asking is the only way its script can tell).
    private static readonly Dictionary<string, string> Expected401 = new(StringComparer.Ordinal)
    {
        ["notifications.html"] = "/notifications",
    };

    [Fact]
    public async Task Every_playground_page_loads_without_console_errors_or_requests_outside_its_origin()
    {
        await using var server = new PlaygroundServer();
        var origin = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var pages = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "Workshop.Playground", "wwwroot", "play"), "*.html").Select(Path.GetFileName).Order().ToList();
        Assert.Contains("inspector.html", pages);
        Assert.Contains("sender.html", pages);

        foreach (var name in pages)
        {
            var errors = new List<string>();
            var foreign = new List<string>();
            var failed = new List<string>();
            var inFlight = 0;
            var page = await browser.NewPageAsync(errors);
            await using var pageContext = page.Context; // closed even when an assertion fails
            page.Request += (_, request) =>
            {
                if (request.Url.StartsWith("http", StringComparison.Ordinal) && !request.Url.StartsWith(origin + "/", StringComparison.Ordinal)) lock (foreign) foreign.Add(request.Url);
                if (request.ResourceType is not "eventsource" and not "websocket") Interlocked.Increment(ref inFlight);
            };
            // Console errors about failed loads do not name the URL; these do.
            var expected = Expected401.TryGetValue(name!, out var path) ? $"{origin}{path}" : null;
            page.Response += (_, r) => { if (r.Status >= 400 && !(r.Status == 401 && r.Url == expected)) lock (failed) failed.Add($"{r.Status} {r.Url}"); };
            page.RequestFinished += (_, request) => { if (request.ResourceType is not "eventsource" and not "websocket") Interlocked.Decrement(ref inFlight); };
            page.RequestFailed += (_, request) => { if (request.ResourceType is not "eventsource" and not "websocket") Interlocked.Decrement(ref inFlight); };

            var response = await page.GotoAsync($"{origin}/play/{name}", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Equal(200, response?.Status);
            if (Ready.TryGetValue(name!, out var selector))
                await Eventually.HoldsAsync(async () => await page.Locator(selector).CountAsync() > 0, $"{name} is ready ({selector})");
            await Eventually.HoldsAsync(() => Volatile.Read(ref inFlight) <= 0, $"{name} has no request in flight");

            // Chromium logs every 4xx load as a console error (without its URL); the expected 401 is not one.
            if (expected is not null) errors.RemoveAll(e => e.Contains("status of 401", StringComparison.Ordinal));
            Assert.True(errors.Count == 0, $"{name}: console errors: {string.Join(" | ", errors)}; failed loads: {string.Join(" ", failed)}");
            Assert.True(failed.Count == 0, $"{name}: failed loads: {string.Join(" ", failed)}");
            Assert.True(foreign.Count == 0, $"{name}: requests outside {origin}: {string.Join(" ", foreign)}");
        }
    }
}
