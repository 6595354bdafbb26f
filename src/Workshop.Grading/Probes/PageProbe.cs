using Microsoft.Playwright;
using Workshop.Grading.Checks;
using Workshop.Grading.Transcripts;

namespace Workshop.Grading.Probes;

/// <summary>Opens a lab's page in a fresh browser context, with console errors collected, and closes it after.</summary>
public static class PageProbe
{
    /// <summary>How long a page may take to show something.</summary>
    public const float WaitMilliseconds = 4000;

    /// <summary>Runs <paramref name="probe"/> with a page (or several, via <paramref name="pages"/>) at the lab's <c>/</c>.</summary>
    public static async Task<CheckOutcome> WithPagesAsync(CheckContext context, int pages, Func<IReadOnlyList<IPage>, List<string>, Task<CheckOutcome>> probe)
    {
        var errors = new List<string>();
        var browserContext = await context.Browser.NewContextAsync(context.BaseAddress);
        try
        {
            var opened = new List<IPage>();
            for (var i = 0; i < pages; i++)
            {
                var page = await browserContext.NewPageAsync();
                PageTranscript.Attach(page, context.Transcript);
                page.Console += (_, m) =>
                {
                    // The browser's own favicon request is not the lab's business.
                    if (m.Type == "error" && !m.Location.Contains("favicon", StringComparison.OrdinalIgnoreCase)) lock (errors) errors.Add(m.Text);
                };
                page.PageError += (_, e) => { lock (errors) errors.Add(e); };
                opened.Add(page);
            }
            return await probe(opened, errors);
        }
        finally
        {
            await browserContext.CloseAsync();
        }
    }

    /// <summary>Waits until the element's text contains <paramref name="text"/>; false when it never does.</summary>
    public static async Task<bool> WaitForTextAsync(IPage page, string selector, string text, float timeout = WaitMilliseconds)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "([s, t]) => { const e = document.querySelector(s); return !!e && e.textContent.includes(t); }",
                new object[] { selector, text }, new PageWaitForFunctionOptions { Timeout = timeout, PollingInterval = 50 });
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Playwright reports its own timeout as System.TimeoutException.
            return false;
        }
    }

    /// <summary>
    /// As <see cref="WaitForTextAsync(IPage, string, string, float)"/>, for text that can only come over
    /// <paramref name="feed"/> (the page's WebSockets, or its event stream): false as soon as the feed says it no longer
    /// can (e.g. the lab dropped the page's connection without sending it, or the page never asked for the stream),
    /// rather than at the deadline. The verdict is the same; only the wait is shorter. <see cref="IPageFeed.Why"/> then
    /// says why.
    /// </summary>
    public static async Task<bool> WaitForTextAsync(IPage page, string selector, string text, IPageFeed feed, float timeout = WaitMilliseconds)
    {
        var grace = TimeSpan.FromSeconds(1);
        // The grace counts from this wait's start too: what the check did just before (a click, a POST) may make the
        // page connect, and the page must get its chance to.
        var started = Environment.TickCount64;
        // Never awaited when given up on: it ends by itself (false at its deadline, or when the page closes).
        var shown = WaitForTextAsync(page, selector, text, timeout);
        while (await Task.WhenAny(shown, Task.Delay(100)) != shown)
        {
            if (Environment.TickCount64 - started < (long)grace.TotalMilliseconds || !feed.Hopeless(text, grace)) continue;
            // One last look: the text may have been drawn just now.
            return await page.EvaluateAsync<bool>("([s, t]) => { const e = document.querySelector(s); return !!e && e.textContent.includes(t); }",
                new object[] { selector, text });
        }
        return await shown;
    }

    /// <summary>
    /// " (why)" when <paramref name="feed"/> has given up on <paramref name="text"/> (e.g. " (the page never requested GET /events)"), to append
    /// to an observation; empty when it has not (a wait that ran to its deadline has no earlier cause to name).
    /// </summary>
    public static string Because(IPageFeed feed, string text) => feed.Hopeless(text, TimeSpan.Zero) ? $" ({feed.Why})" : "";

    /// <summary>The element's text (or a note that it is missing), cut for "observed" messages.</summary>
    public static async Task<string> TextOfAsync(IPage page, string selector)
    {
        var text = await page.EvaluateAsync<string?>("s => { const e = document.querySelector(s); return e ? (e.innerText ?? e.textContent) : null; }", selector);
        if (text is null) return $"there is no element {selector} on the page";
        text = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length == 0 ? $"{selector} is empty" : $"{selector} shows \"{(text.Length > 160 ? text[..160] + "…" : text)}\"";
    }

    /// <summary>Appends the page's console errors to an observation.</summary>
    public static string WithErrors(string observed, List<string> errors)
    {
        lock (errors) return errors.Count == 0 ? observed : $"{observed}; console errors: {string.Join(" / ", errors.Take(3))}";
    }
}
