namespace Workshop.Testing;

/// <summary>Finds a Chromium to drive: an explicit path, the system package, or Playwright's own download.</summary>
public static class ChromiumLocator
{
    private static readonly string[] SystemCandidates =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/snap/bin/chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    /// <summary>True when running under CI (<c>CI=true</c>): a missing browser is then a failure, never a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The executable to launch, or null to let Playwright use the browser it downloaded itself
    /// (<c>playwright install chromium</c>, the path a learner's laptop takes).
    /// </summary>
    public static string? FindExecutable()
    {
        var explicitPath = Environment.GetEnvironmentVariable("WORKSHOP_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new InvalidOperationException($"WORKSHOP_CHROMIUM points at '{explicitPath}', which does not exist.");
        }
        return SystemCandidates.FirstOrDefault(File.Exists);
    }
}
