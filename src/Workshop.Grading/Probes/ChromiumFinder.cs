namespace Workshop.Grading.Probes;

/// <summary>
/// Finds a Chromium for the browser checks and the browser tests: <c>WORKSHOP_CHROMIUM</c>, then the usual system
/// locations. Null means "let Playwright use its own download" (the path a learner's laptop takes).
/// </summary>
public static class ChromiumFinder
{
    /// <summary>
    /// Launch arguments for a headless Chromium on a machine with a closed network that keep Chromium's own sandbox
    /// (no GPU, no background or update traffic, no QUIC, no WebRTC over UDP, which no proxy would see). Grading uses
    /// these (<see cref="BrowserSession"/> with a sandbox): a learner's page then runs in a sandboxed renderer.
    /// </summary>
    public static IReadOnlyList<string> SandboxedArgs { get; } =
    [
        "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--dns-prefetch-disable",
    ];

    /// <summary>
    /// <see cref="SandboxedArgs"/> plus <c>--no-sandbox</c>, which works as root (Chromium refuses its sandbox as
    /// root) and wherever user namespaces are off. Only for pages that are not a stranger's: a learner's own
    /// <c>workshop check</c>, the tests' browsers (playground, site, e2e) and <c>grade --trust-submissions</c>.
    /// </summary>
    public static IReadOnlyList<string> LaunchArgs { get; } = ["--no-sandbox", .. SandboxedArgs];

    /// <summary>True under CI (<c>CI=true</c>): a missing browser is then a failure, never a download or a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] Candidates =
    [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    /// <summary>The executable to launch, or null for Playwright's own browser.</summary>
    public static string? Find()
    {
        var explicitPath = Environment.GetEnvironmentVariable("WORKSHOP_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException($"WORKSHOP_CHROMIUM points at '{explicitPath}', which does not exist.");
        }
        return Candidates.FirstOrDefault(File.Exists);
    }
}
