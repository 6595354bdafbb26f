using System.Diagnostics;
using Workshop.Grading.Manifest;
using Workshop.Grading.Submissions;
using Workshop.Testing;
using Xunit;

namespace Workshop.Labs.Tests.Grading;

/// <summary>Grading takes only a lab's editable files from a submission, and refuses what could reach outside it.</summary>
public sealed class WorkingCopyTests : IDisposable
{
    private static readonly LabManifest Manifest = RepoPaths.Manifest;
    private readonly string _root = Directory.CreateTempSubdirectory("workshop-copy-test-").FullName;

    private LabInfo Lab => Manifest.Find("01")!;

    private string InstructorStart => Manifest.VariantDirectory(Lab, "start");

    private string Submission()
    {
        var start = Path.Combine(_root, "submission");
        Cli.TempRepoCopy.Copy(Manifest.VariantDirectory(Lab, "solution"), start);
        return start;
    }

    [Fact]
    public void Only_editable_files_are_taken_and_the_project_file_is_the_instructors()
    {
        var start = Submission();
        File.WriteAllText(Path.Combine(start, "WelcomeEcho.csproj"), "<Project><Target Name=\"X\" /></Project>");
        File.WriteAllText(Path.Combine(start, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(start, "appsettings.json"), "{ \"tampered\": true }");
        var target = Path.Combine(_root, "copy");

        var notes = WorkingCopy.Create(Lab, InstructorStart, start, target);

        Assert.Empty(notes);
        Assert.Equal(File.ReadAllText(Path.Combine(InstructorStart, "WelcomeEcho.csproj")), File.ReadAllText(Path.Combine(target, "WelcomeEcho.csproj")));
        Assert.Equal(File.ReadAllText(Path.Combine(InstructorStart, "appsettings.json")), File.ReadAllText(Path.Combine(target, "appsettings.json")));
        Assert.False(File.Exists(Path.Combine(target, "Directory.Build.props")));
        Assert.Equal(File.ReadAllText(Path.Combine(start, "Program.cs")), File.ReadAllText(Path.Combine(target, "Program.cs")));
    }

    [Fact]
    public void Symlinks_fifos_and_oversized_files_are_refused_with_the_reason_and_the_rest_is_taken()
    {
        var start = Submission();
        var secret = Path.Combine(_root, "secret.txt");
        File.WriteAllText(secret, "secret");
        File.CreateSymbolicLink(Path.Combine(start, "wwwroot", "x.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(start, "wwwroot", "linked"), _root);
        File.WriteAllBytes(Path.Combine(start, "wwwroot", "big.bin"), new byte[2 * 1024 * 1024]);
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(start, "wwwroot", "pipe.js"))) mkfifo.WaitForExit();
        var target = Path.Combine(_root, "copy");

        var notes = WorkingCopy.Create(Lab, InstructorStart, start, target);

        Assert.Contains("wwwroot/x.txt was not taken: it is a symbolic link", notes);
        Assert.Contains("wwwroot/linked/ was not taken: it is a symbolic link", notes);
        Assert.Contains(notes, n => n.StartsWith("wwwroot/big.bin was not taken: it is larger than", StringComparison.Ordinal));
        Assert.Contains("wwwroot/pipe.js was not taken: it is not a regular file (a device, FIFO or socket)", notes);
        Assert.False(File.Exists(Path.Combine(target, "wwwroot", "x.txt")));
        Assert.False(Directory.Exists(Path.Combine(target, "wwwroot", "linked")));
        Assert.True(File.Exists(Path.Combine(target, "wwwroot", "app.js")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
