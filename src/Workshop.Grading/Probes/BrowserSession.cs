using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// One headless Chromium for a whole grading run, launched on first use; each check takes a fresh context.
/// A browser that cannot start fails the browser checks with the reason (the other checks still run).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task? _warming;

    /// <summary>
    /// Starts launching the browser in the background (while a lab builds and starts, say), so the first browser check
    /// does not wait for it. A launch that fails here is tried again, and reported, by the first <see cref="NewContextAsync"/>.
    /// </summary>
    public void Warm() => _warming ??= Task.Run(async () =>
    {
        try
        {
            await GetBrowserAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or PlaywrightException or IOException)
        {
            // Reported by the first check that needs the browser.
        }
    });

    /// <summary>A new isolated context (cookies, storage) in the shared browser.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var browser = await GetBrowserAsync();
        return await browser.NewContextAsync();
    }

    private async Task<IBrowser> GetBrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            var options = new BrowserTypeLaunchOptions { Headless = true, Args = ChromiumFinder.LaunchArgs, ExecutablePath = ChromiumFinder.Find() };
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(options);
            }
            catch (PlaywrightException) when (options.ExecutablePath is null && !ChromiumFinder.IsCi && Microsoft.Playwright.Program.Main(["install", "chromium"]) == 0)
            {
                // A learner's laptop without a system Chromium: Playwright fetched its own build once; use it.
                _browser = await _playwright.Chromium.LaunchAsync(options);
            }
            catch (PlaywrightException e)
            {
                throw new InvalidOperationException(
                    "No Chromium could be launched for the browser checks: install chromium, or set WORKSHOP_CHROMIUM " +
                    $"to a Chrome/Chromium executable ({e.Message.Split('\n')[0]})", e);
            }
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_warming is not null) await _warming;
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
