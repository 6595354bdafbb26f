using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using Workshop.Grading.Sandboxing;

namespace Workshop.Grading.Probes;

/// <summary>
/// One headless Chromium for a whole grading run, launched on first use; each check takes a fresh context.
/// A browser that cannot start fails the browser checks with the reason (the other checks still run).
/// A context reaches the lab's app and nothing else: the learner's page runs in the grader's browser, on the
/// grader's network, so every other address (the internet, the grader's other loopback ports) goes through a proxy
/// that refuses every connection.
/// Graded with a sandbox, Chromium keeps its own sandbox too, so a learner's page runs in a seccomp-filtered renderer
/// that is not the grader: as root, Chromium is started as the worker's unprivileged browser uid
/// (<see cref="ChromiumLauncher"/>); as another user it sandboxes itself. There is no fallback to <c>--no-sandbox</c>:
/// a Chromium that cannot sandbox itself fails the page checks with the reason.
/// </summary>
/// <param name="sandbox">
/// The grading worker's sandbox; null for a learner's own <c>workshop check</c> and <c>grade --trust-submissions</c>,
/// where Chromium starts as it always did (<see cref="ChromiumFinder.LaunchArgs"/>, which work as root).
/// </param>
public sealed class BrowserSession(Sandbox? sandbox = null) : IAsyncDisposable
{
    // Bound and never listening: a connection to it is refused at once, and no other program can take the port.
    private readonly Socket _deadEnd = BindDeadEnd();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Task? _warming;
    private ChromiumLauncher? _launcher;

    /// <summary>
    /// The pid of the browser process when a root grader started it through its launcher (null otherwise, or before
    /// the launch): what its renderers descend from, for a look at their <c>/proc</c> status.
    /// </summary>
    public int? BrowserProcessId => _launcher?.BrowserProcessId;

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

    /// <summary>
    /// Starts a browser as grading would (with <paramref name="sandbox"/>'s browser user and Chromium's own sandbox) and
    /// closes it: null when it starts, else why not. <c>grade</c> asks before it grades anyone, so a browser that cannot
    /// start stops the run with its reason instead of failing every student's page checks.
    /// </summary>
    public static async Task<string?> ProblemStartingAsync(Sandbox? sandbox)
    {
        await using var session = new BrowserSession(sandbox);
        try
        {
            await using var context = await session.NewContextAsync(new Uri("http://127.0.0.1:9/"));
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

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
            var options = LaunchOptions(_playwright);
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(options);
            }
            catch (PlaywrightException) when (options.ExecutablePath is null && !ChromiumFinder.IsCi && Microsoft.Playwright.Program.Main(["install", "chromium"]) == 0)
            {
                // A learner's laptop without a system Chromium: Playwright fetched its own build once; use it.
                _browser = await _playwright.Chromium.LaunchAsync(options);
            }
            catch (PlaywrightException e) when (sandbox is not null)
            {
                throw new InvalidOperationException(
                    "Chromium could not start with its own sandbox, and a submission's page is never opened in an unsandboxed " +
                    "browser: it needs unprivileged user namespaces (as the sandbox of the builds does); grade with " +
                    $"--trust-submissions to run the page checks in Chromium without its sandbox ({e.Message.Split('\n')[0]})", e);
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

    private BrowserTypeLaunchOptions LaunchOptions(IPlaywright playwright)
    {
        var executable = ChromiumFinder.Find();
        if (sandbox is null) return new() { Headless = true, Args = ChromiumFinder.LaunchArgs, ExecutablePath = executable };
        // Playwright adds --no-sandbox unless told that Chromium's sandbox is wanted.
        var options = new BrowserTypeLaunchOptions { Headless = true, Args = ChromiumFinder.SandboxedArgs, ChromiumSandbox = true, ExecutablePath = executable };
        if (sandbox.BrowserUser is not { } user) return options;
        _launcher ??= ChromiumLauncher.Create(executable ?? playwright.Chromium.ExecutablePath, user.Setpriv, user.Uid);
        options.ExecutablePath = _launcher.ScriptPath;
        return options;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_warming is not null) await _warming;
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _launcher?.Dispose();
        _gate.Dispose();
        _deadEnd.Dispose();
    }
}
