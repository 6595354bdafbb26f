using Spectre.Console;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;

namespace Workshop.Cli;

/// <summary>Builds and checks one lab with a live status line (used by <c>check</c> and <c>watch</c>).</summary>
public static class LabChecker
{
    /// <summary>
    /// Checks a lab folder (or a running target when <paramref name="url"/> is given), prints and records the result;
    /// with <paramref name="task"/>, only that task's checks run.
    /// </summary>
    public static async Task<LabReport> RunAsync(Workspace workspace, LabInfo lab, string projectDirectory, Uri? url, bool record, CancellationToken cancellationToken,
        string? task = null)
    {
        await using var browser = new BrowserSession();
        // A whole lab's checks include its page: Chromium starts while the lab builds and starts, not after.
        if (task is null) browser.Warm();
        var runner = new LabRunner(browser);
        var checks = CheckCatalog.For(lab.Id).Where(c => task is null || c.Task == task).ToList();
        LabReport? report = null;
        await AnsiConsole.Status().StartAsync($"Lab {lab.Id}: building…", async context =>
        {
            var progress = new Progress<string>(step => context.Status(Markup.Escape($"Lab {step}")));
            report = url is not null
                ? await runner.RunAgainstAsync(lab, url, checks, url.ToString(), progress, cancellationToken)
                : await runner.BuildAndRunAsync(lab, projectDirectory, Path.Combine(workspace.StateDirectory, "build", lab.Folder, OutputName(workspace, lab, projectDirectory)), checks, progress, cancellationToken);
        });
        ReportPrinter.Print(report!);
        if (record && url is null)
        {
            var scores = report!.Scores();
            var tasks = scores.Where(s => !s.Hidden).ToDictionary(s => s.Task, s => s.Points == s.Max);
            workspace.SaveProgress(lab.Id, new LabProgress(report.Passed, scores.Sum(s => s.Points), scores.Sum(s => s.Max), DateTimeOffset.UtcNow, tasks));
        }
        return report!;
    }

    // The workspace's start/ and solution/ and every other folder (--path) get output folders of their own, so one
    // never overwrites another: a student's copy named start/ must not share (and reuse) the workspace's start build.
    // The name of another folder is a stable hash of its full path (string hashes change with every process).
    private static string OutputName(Workspace workspace, LabInfo lab, string projectDirectory)
    {
        var full = Path.GetFullPath(projectDirectory).TrimEnd('/', '\\');
        foreach (var variant in (string[])["start", "solution"])
        {
            if (full == Path.GetFullPath(workspace.Manifest.VariantDirectory(lab, variant)).TrimEnd('/', '\\')) return variant;
        }
        return "path-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(full)))[..16];
    }
}
