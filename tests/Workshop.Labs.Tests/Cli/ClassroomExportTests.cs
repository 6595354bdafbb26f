using System.Diagnostics;
using System.Text;
using Workshop.Grading.Manifest;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Cli;

/// <summary>
/// <c>workshop classroom export</c>: the student template holds no solution (files or site pages), its workflow has
/// one step per task adding up to each lab's points, and those steps, run as a shell would with the pinned
/// instructor source pointing at this repository, pass on a solution copy and fail on a start copy.
/// </summary>
public sealed class ClassroomExportTests : IDisposable
{
    private static readonly LabManifest Manifest = RepoPaths.Manifest;
    private readonly string _temp = Directory.CreateTempSubdirectory("workshop-classroom-").FullName;

    [Fact]
    public async Task The_export_has_no_solution_and_each_labs_steps_add_up_to_the_labs_points()
    {
        var template = await ExportAsync("template", linkInstructor: false);
        var folders = Directory.EnumerateDirectories(template, "*", SearchOption.AllDirectories).Select(d => Path.GetRelativePath(template, d).Replace('\\', '/')).ToList();
        Assert.DoesNotContain(folders, f => f.Split('/').Contains("solution") || f.Split('/').Contains("mutants"));
        Assert.DoesNotContain("tests", folders);
        Assert.False(File.Exists(Path.Combine(template, ".github", "classroom", "autograding.json")), "the legacy autograding.json was exported");
        foreach (var lab in Manifest.Labs) Assert.True(Directory.Exists(Path.Combine(template, "labs", lab.Folder, "start")), $"{lab.Folder}/start is missing");
        // The notebooks' worked answers (and the grading probes) stay with the instructor; a note says so where the check cells point.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(template, "notebooks"), "*.ipynb"));
        Assert.Equal([Path.Combine(template, "notebooks", "answers", "README.md")], Directory.GetFiles(Path.Combine(template, "notebooks", "answers"), "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(template, "notebooks", "grading")), "the notebooks' grading probes were exported");

        var workflow = ClassroomWorkflowSteps.Parse(await File.ReadAllTextAsync(Path.Combine(template, ".github", "workflows", "classroom.yml")));
        foreach (var lab in Manifest.Labs)
        {
            var steps = workflow.Steps.Where(s => s.Id.StartsWith($"lab{lab.Id}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(lab.Tasks.Select(t => $"lab{lab.Id}-{t.Id}"), steps.Select(s => s.Id));
            Assert.Equal(lab.MaxPoints, steps.Sum(s => s.MaxScore));
            Assert.All(steps, s => Assert.InRange(s.Timeout, 1, 60));
            Assert.All(steps, s => Assert.StartsWith("WORKSHOP_ROOT=.instructor dotnet .instructor/", s.Command, StringComparison.Ordinal));
        }
        Assert.Equal(workflow.Steps.Select(s => s.Id), workflow.Runners);
        Assert.Equal(workflow.Steps.Select(s => $"{s.Id.ToUpperInvariant()}_RESULTS={s.Id}"), workflow.ResultEnvs);
        Assert.True(workflow.ReporterIndex > workflow.Steps.Max(s => s.Index), "the reporter must come after every grading step");

        // The site built from the template: no lab page has a "Solution code" section or a solved TODO's code.
        var site = Path.Combine(_temp, "site");
        var (exit, log) = await CliRun.RunInAsync(template, TimeSpan.FromMinutes(2), "site", "build", "--out", site);
        Assert.True(exit == 0, log);
        var pages = Directory.GetFiles(site, "*.html", SearchOption.AllDirectories);
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var html = await File.ReadAllTextAsync(page);
            Assert.DoesNotContain("id=\"solution-code\"", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"TODO \d+ solved", html);
        }
    }

    [Fact]
    public async Task The_exported_steps_of_lab_01_pass_on_a_solution_copy_and_fail_on_a_start_copy()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Workshop.Cli", "bin", "Release", "net10.0", "workshop.dll")),
            "the steps run the instructor's Release CLI: build src/Workshop.Cli -c Release first");
        var lab = Manifest.Find("01")!;
        var solved = await ExportAsync("solved", linkInstructor: true);
        TempRepoCopy.Copy(Manifest.VariantDirectory(lab, "solution"), Path.Combine(solved, "labs", lab.Folder, "start"));
        var untouched = await ExportAsync("untouched", linkInstructor: true);
        var steps = ClassroomWorkflowSteps.Parse(await File.ReadAllTextAsync(Path.Combine(solved, ".github", "workflows", "classroom.yml")))
            .Steps.Where(s => s.Id.StartsWith("lab01-", StringComparison.Ordinal)).ToList();
        Assert.Equal(lab.Tasks.Count, steps.Count);
        Assert.Contains(steps[0].Command, await File.ReadAllTextAsync(InstructorGuide), StringComparison.Ordinal);
        foreach (var step in steps)
        {
            var (passed, passLog) = await ShellAsync(solved, step.Command);
            Assert.True(passed == 0, $"{step.Id} should pass on the solution copy:\n{passLog}");
            var (failed, failLog) = await ShellAsync(untouched, step.Command);
            Assert.True(failed == 1, $"{step.Id} should fail (exit 1) on the start copy:\n{failLog}");
        }
    }

    [Fact]
    public async Task An_export_into_a_folder_that_is_not_empty_is_refused_as_bad_input()
    {
        var target = Path.Combine(_temp, "busy");
        Directory.CreateDirectory(target);
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "mine");
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(1), "classroom", "export", target, "--repository", "acme/realtime-workshop", "--ref", "v1.0");
        Assert.Equal(2, exit);
        Assert.Contains("not empty", log, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Check_with_an_unknown_task_is_bad_input_naming_the_labs_tasks()
    {
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(1), "check", "01", "--task", "nope");
        Assert.Equal(2, exit);
        Assert.Contains("welcome, echo, close, page", log, StringComparison.Ordinal);
    }

    private async Task<string> ExportAsync(string name, bool linkInstructor)
    {
        var target = Path.Combine(_temp, name);
        var (exit, log) = await CliRun.RunAsync(TimeSpan.FromMinutes(1), DocumentedExport(target));
        Assert.True(exit == 0, log);
        // The workflow checks the instructor's repository out into .instructor/; here it is this repository.
        if (linkInstructor) Directory.CreateSymbolicLink(Path.Combine(target, ".instructor"), RepoPaths.Root);
        return target;
    }

    // The export command exactly as site/instructor.md documents it, into target.
    private static string[] DocumentedExport(string target)
    {
        var line = File.ReadLines(InstructorGuide).Single(l => l.StartsWith("./workshop classroom export ", StringComparison.Ordinal));
        var args = line["./workshop ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        args[2] = target;
        return args;
    }

    private static string InstructorGuide => Path.Combine(RepoPaths.Root, "site", "instructor.md");

    // As the command grader runs a step: the command line through a shell, from the student repository's root.
    private static async Task<(int ExitCode, string Output)> ShellAsync(string directory, string command)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment.Remove("WORKSHOP_ROOT");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within 4 minutes");
        }
        return (process.ExitCode, new StringBuilder(await output).Append(await error).ToString());
    }

    public void Dispose()
    {
        try
        {
            // Unlink the .instructor links first, so nothing can ever delete through them into this repository.
            foreach (var link in Directory.GetDirectories(_temp).Select(d => Path.Combine(d, ".instructor")).Where(l => new DirectoryInfo(l).LinkTarget is not null))
            {
                File.Delete(link);
            }
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
            // A build output still locked by a dying process: the OS's temp cleaner takes it.
        }
    }
}
