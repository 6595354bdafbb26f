using Workshop.Grading.Manifest;
using Workshop.Grading.Running;
using Workshop.Grading.Submissions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Compiling;

/// <summary>Lab 01's template, restored and captured once for the warm compiler's tests, and copies made from it as grading makes them.</summary>
public sealed class WarmCompilerLab : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Root { get; } = Directory.CreateTempSubdirectory("workshop-warm-").FullName;

    public LabInfo Lab { get; } = RepoPaths.Manifest.Find("01")!;

    public LabTemplates Templates { get; private set; } = null!;

    public CompilerTemplate Compiler { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Templates = new LabTemplates(RepoPaths.Manifest, Path.Combine(Root, ".templates"), Timeout);
        var (compiler, reason) = await Templates.CompilerAsync(Lab, CancellationToken.None);
        Compiler = compiler ?? throw new InvalidOperationException("lab 01 has no compiler template: " + reason);
        Assert.Null(Compiler.WarmReason);
    }

    /// <summary>A student's working copy of lab 01 made from <paramref name="variant"/> (start or solution), then <paramref name="edit"/>ed.</summary>
    public async Task<string> CopyAsync(string name, string variant, Action<string>? edit = null)
    {
        var project = Path.Combine(Root, name, "start");
        Assert.Null(await Templates.CopyAsync(Lab, project, CancellationToken.None));
        WorkingCopy.TakeSubmission(Lab, RepoPaths.Manifest.VariantDirectory(Lab, variant), project);
        edit?.Invoke(project);
        return project;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaner.
        }
        return Task.CompletedTask;
    }
}
