using Microsoft.Playwright;
using Workshop.Grading.Probes;
using Xunit;

namespace Workshop.Testing;

/// <summary>
/// One headless Chromium shared by a test collection; each test takes a fresh context (cheap and isolated).
/// A missing browser fails the tests that need it, with the way to install it; it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The shared browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // Playwright's 5 s default is short for a loaded 2-core CI machine; match Eventually's deadline.
        Assertions.SetDefaultExpectTimeout((float)Eventually.DefaultTimeout.TotalMilliseconds);
        var executable = ChromiumFinder.Find();
        var options = new BrowserTypeLaunchOptions { Headless = true, Args = ChromiumFinder.LaunchArgs, ExecutablePath = executable };
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(options);
        }
        catch (PlaywrightException) when (executable is null && !ChromiumFinder.IsCi)
        {
            // A learner's laptop without a system Chromium: let Playwright fetch its own build once.
            var exit = Microsoft.Playwright.Program.Main(["install", "chromium"]);
            if (exit != 0) throw new InvalidOperationException(MissingBrowserMessage);
            _browser = await _playwright.Chromium.LaunchAsync(options);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"{MissingBrowserMessage} ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>A new isolated browser context: its own cookies, storage and permissions.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => Browser.NewContextAsync(options);

    /// <summary>A new page in a new context, with console errors collected into <paramref name="consoleErrors"/>.</summary>
    public async Task<IPage> NewPageAsync(List<string>? consoleErrors = null, BrowserNewContextOptions? options = null)
    {
        var context = await NewContextAsync(options);
        var page = await context.NewPageAsync();
        if (consoleErrors is not null)
        {
            page.Console += (_, message) => { if (message.Type == "error") lock (consoleErrors) consoleErrors.Add(message.Text); };
            page.PageError += (_, error) => { lock (consoleErrors) consoleErrors.Add(error); };
        }
        return page;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private const string MissingBrowserMessage =
        "No Chromium could be launched. Run ./test.sh (it installs Chromium with apt on Debian/Ubuntu, or Playwright's own " +
        "browser elsewhere), or point WORKSHOP_CHROMIUM at a Chromium or Chrome executable.";
}
