using Spectre.Console;
using Workshop.Grading.Checks;
using Workshop.Grading.Manifest;
using Workshop.Grading.Probes;
using Workshop.Grading.Running;

namespace Workshop.Cli;

/// <summary>Builds and checks one lab with a live status line (used by <c>check</c> and <c>watch</c>).</summary>
public static class LabChecker
{
    /// <summary>Checks a lab folder (or a running target when <paramref name="url"/> is given), prints and records the result.</summary>
    public static async Task<LabReport> RunAsync(Workspace workspace, LabInfo lab, string projectDirectory, Uri? url, bool record, CancellationToken cancellationToken)
    {
        await using var browser = new BrowserSession();
        var runner = new LabRunner(browser);
        var checks = CheckCatalog.For(lab.Id);
        LabReport? report = null;
        await AnsiConsole.Status().StartAsync($"Lab {lab.Id}: building…", async context =>
        {
            var progress = new Progress<string>(step => context.Status(Markup.Escape($"Lab {step}")));
            report = url is not null
                ? await runner.RunAgainstAsync(lab, url, checks, url.ToString(), progress, cancellationToken)
                : await runner.BuildAndRunAsync(lab, projectDirectory, Path.Combine(workspace.StateDirectory, "build", lab.Folder, OutputName(projectDirectory)), checks, progress, cancellationToken);
        });
        ReportPrinter.Print(report!);
        if (record && url is null)
        {
            var scores = report!.Scores();
            workspace.SaveProgress(lab.Id, new LabProgress(report.Passed, scores.Sum(s => s.Points), scores.Sum(s => s.Max), DateTimeOffset.UtcNow));
        }
        return report!;
    }

    // start/ and solution/ (and any --path) get their own output folders, so one never overwrites the other.
    private static string OutputName(string projectDirectory)
    {
        var name = Path.GetFileName(projectDirectory.TrimEnd('/', '\\'));
        return name is "start" or "solution" ? name : "path-" + (uint)StringComparer.Ordinal.GetHashCode(projectDirectory);
    }
}
