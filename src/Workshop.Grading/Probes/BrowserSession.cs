using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Workshop.Grading.Probes;

/// <summary>
/// One headless Chromium for a whole grading run, launched on first use; each check takes a fresh context.
/// A browser that cannot start fails the browser checks with the reason (the other checks still run).
/// A context reaches the lab's app and nothing else: the learner's page runs in the grader's browser, on the
/// grader's network, so every other address (the internet, the grader's other loopback ports) goes through a proxy
/// that refuses every connection.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Bound and never listening: a connection to it is refused at once, and no other program can take the port.
    private readonly Socket _deadEnd = BindDeadEnd();
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

    /// <summary>A new isolated context (cookies, storage) in the shared browser, whose pages reach only <paramref name="app"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var browser = await GetBrowserAsync();
        return await browser.NewContextAsync(new BrowserNewContextOptions { Proxy = ConfinedTo(app) });
    }

    /// <summary>
    /// Every request through the refusing proxy but those to <paramref name="app"/>'s host and port. Chromium sends
    /// loopback addresses direct whatever the proxy says; <c>&lt;-loopback&gt;</c> takes that exception away. The last
    /// rule that matches wins, so the app's own address comes after it.
    /// </summary>
    public Proxy ConfinedTo(Uri app) => new()
    {
        Server = "http://" + _deadEnd.LocalEndPoint,
        Bypass = $"<-loopback>,{app.Host}:{app.Port}",
    };

    private static Socket BindDeadEnd()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
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
        _deadEnd.Dispose();
    }
}
