using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 10's browser checks: several tabs of the page in one browser context (one cookie jar, one connection pool,
/// so HTTP/1.1's six connections per origin apply to them together). Each tab counts the EventSources it has open
/// (an init script wraps the constructor); a SharedWorker's stream counts as none, which is fine: the lesson is
/// "not one per tab". Each tab's GET /notifications are counted too: a page that polls from every tab has no
/// EventSource at all, and shares nothing.
/// </summary>
internal static class SharedStreamProbe
{
    private const string CountEventSources = """
        (() => {
          const Native = window.EventSource;
          if (!Native) return;
          const made = new Set();
          window.__workshopOpenEventSources = () => [...made].filter(s => s.readyState !== Native.CLOSED).length;
          window.EventSource = class extends Native {
            constructor(url, init) { super(url, init); made.add(this); }
          };
        })();
        """;

    private static readonly TimeSpan LoadWithin = TimeSpan.FromSeconds(6);

    // A tab reads its inbox once on load; a tab that keeps asking is polling, which shares nothing either.
    private const int InboxReadsPerTab = 2;

    private static readonly ConditionalWeakTable<IPage, StrongBox<int>> InboxReads = new();

    public static Task<CheckOutcome> SevenTabsShareOneStream(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 7, async (pages, errors) =>
        {
            var name = NotificationUser.NewName("ada");
            if (await OpenSignedInAsync(context, pages, name, errors) is { } failed) return failed;
            if (await KnockAsync(context, pages, name, errors) is { } silent) return silent;
            var open = await OpenStreamsAsync(pages);
            var tag = Guid.NewGuid().ToString("N")[..6];
            await NotificationUser.NotifyAsync(context, name, $"hello-{tag}");
            var shown = await ShowingAsync(pages, $"hello-{tag}", PageProbe.WaitMilliseconds);
            var reads = MostInboxReads(pages);
            var ok = open <= 1 && shown == pages.Count && reads <= InboxReadsPerTab;
            return CheckOutcome.When(ok, PageProbe.WithErrors($"{open} EventSources open among {pages.Count} tabs; {shown} of {pages.Count} tabs showed the new notification in #list; the busiest tab asked GET /notifications {reads} time(s) (at most {InboxReadsPerTab}: polling is not sharing)", errors));
        });

    public static Task<CheckOutcome> AnotherTabTakesOver(CheckContext context) =>
        PageProbe.WithPagesAsync(context, 3, async (pages, errors) =>
        {
            var name = NotificationUser.NewName("ada");
            if (await OpenSignedInAsync(context, pages, name, errors) is { } failed) return failed;
            if (await KnockAsync(context, pages, name, errors) is { } silent) return silent;
            var counts = await Task.WhenAll(pages.Select(CountAsync));
            if (counts.Sum() > 1) return CheckOutcome.Fail($"{counts.Sum()} EventSources open among {pages.Count} tabs (one per tab does not share)");
            // The leader is the tab with the stream; with a SharedWorker no tab has one, and any tab may go.
            var leader = Array.IndexOf(counts, 1) is var i and >= 0 ? i : 0;
            await pages[leader].CloseAsync();
            var rest = pages.Where((_, n) => n != leader).ToList();
            if (await KnockAsync(context, rest, name, errors) is { } orphaned)
            {
                return CheckOutcome.Fail($"after tab {leader + 1} (the one holding the stream) closed, {orphaned.Observed}");
            }
            var open = await OpenStreamsAsync(rest);
            var reads = MostInboxReads(rest);
            return CheckOutcome.When(open <= 1 && reads <= InboxReadsPerTab, PageProbe.WithErrors($"after tab {leader + 1} closed, the other two show new notifications; {open} EventSources open among them; the busiest asked GET /notifications {reads} time(s) (at most {InboxReadsPerTab})", errors));
        });

    /// <summary>Signs in with the context's own request client (its cookies are the tabs'), then loads the page in every tab.</summary>
    private static async Task<CheckOutcome?> OpenSignedInAsync(CheckContext context, IReadOnlyList<IPage> pages, string name, List<string> errors)
    {
        var url = context.HttpUrl("/").ToString();
        foreach (var page in pages)
        {
            await page.AddInitScriptAsync(CountEventSources);
            var reads = InboxReads.GetOrCreateValue(page);
            page.Request += (_, request) =>
            {
                if (request.Method == "GET" && new Uri(request.Url).AbsolutePath == "/notifications") Interlocked.Increment(ref reads.Value);
            };
        }
        // Signed in by a fetch from a blank page of the app's origin (served by the browser itself, not the app), so the
        // cookie is stored by the browser's rules. Playwright's APIRequest would not do: it goes through the context's
        // refusing proxy.
        var blank = context.HttpUrl("/workshop-sign-in-" + Guid.NewGuid().ToString("N")[..8]).ToString();
        await pages[0].RouteAsync(blank, route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>sign in</title>" }));
        await pages[0].GotoAsync(blank);
        await pages[0].UnrouteAsync(blank);
        var status = await pages[0].EvaluateAsync<int>(
            "name => fetch('/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) }).then(r => r.status, () => 0)", name);
        if (status is < 200 or > 299) return CheckOutcome.Fail($"POST /login from the browser answered {(status == 0 ? "nothing (the request failed)" : status)}");
        for (var i = 0; i < pages.Count; i++)
        {
            try
            {
                await pages[i].GotoAsync(url, new PageGotoOptions { Timeout = (float)LoadWithin.TotalMilliseconds });
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                var open = await OpenStreamsAsync(pages.Take(i).ToList());
                return CheckOutcome.Fail(PageProbe.WithErrors($"tab {i + 1} of {pages.Count} never loaded within {LoadWithin.TotalSeconds:0} s while the tabs before it held {open} EventSources: " +
                    "over HTTP/1.1 a browser opens at most six connections per origin, and each open EventSource keeps one", errors));
            }
        }
        return null;
    }

    /// <summary>
    /// Each tab connects on its own time (and a notification sent before a first connection is rightly not replayed):
    /// send knocks until one shows in every tab. Null when it did; the failure otherwise.
    /// </summary>
    private static async Task<CheckOutcome?> KnockAsync(CheckContext context, IReadOnlyList<IPage> pages, string name, List<string> errors)
    {
        var knock = Guid.NewGuid().ToString("N")[..6];
        var shown = 0;
        for (var i = 0; i < 10; i++)
        {
            await NotificationUser.NotifyAsync(context, name, $"knock-{i}-{knock}");
            shown = await ShowingAsync(pages, $"knock-{i}-{knock}", 1000);
            if (shown == pages.Count) return null;
        }
        var open = await OpenStreamsAsync(pages);
        var why = open >= 6 ? ": one EventSource per tab, and over HTTP/1.1 a browser opens at most six connections per origin, so a seventh tab's stream never opens" : "";
        return CheckOutcome.Fail(PageProbe.WithErrors(
            $"only {shown} of {pages.Count} tabs ever showed a new notification in #list ({open} EventSources open among them{why}); first tab: {await PageProbe.TextOfAsync(pages[0], "#list")}", errors));
    }

    private static async Task<int> ShowingAsync(IReadOnlyList<IPage> pages, string text, float timeout) =>
        (await Task.WhenAll(pages.Select(p => PageProbe.WaitForTextAsync(p, "#list", text, timeout)))).Count(shown => shown);

    private static int MostInboxReads(IReadOnlyList<IPage> pages) =>
        pages.Max(p => InboxReads.TryGetValue(p, out var reads) ? Volatile.Read(ref reads.Value) : 0);

    private static async Task<int> OpenStreamsAsync(IReadOnlyList<IPage> pages) => (await Task.WhenAll(pages.Select(CountAsync))).Sum();

    private static async Task<int> CountAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<int>("() => window.__workshopOpenEventSources ? window.__workshopOpenEventSources() : 0");
        }
        catch (PlaywrightException)
        {
            return 0; // a tab still loading (stuck behind the connection limit) has no stream of its own yet
        }
    }
}
