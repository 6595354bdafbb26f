namespace Workshop.Grading.Probes;

/// <summary>
/// Finds a Chromium for the browser checks: <c>WORKSHOP_CHROMIUM</c>, then the usual system locations. Null means
/// "let Playwright use its own download" (the path a learner's laptop takes).
/// </summary>
public static class ChromiumFinder
{
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
