using Workshop.Testing;

namespace Workshop.Labs.Tests.Grading;

/// <summary>A temp copy of lab 01's solution with its Program.cs replaced: a lab that is broken on purpose.</summary>
public sealed class BrokenLabCopy : IDisposable
{
    public BrokenLabCopy(string programCs)
    {
        var source = Path.Combine(RepoPaths.Root, "labs", "01-websocket-welcome-echo", "solution");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal)) continue;
            var target = Path.Combine(Project, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The copy lives outside labs/, so it needs the labs' build settings next to it.
        File.Copy(Path.Combine(RepoPaths.Root, "labs", "Directory.Build.props"), Path.Combine(Root, "Directory.Build.props"));
        File.Copy(Path.Combine(RepoPaths.Root, "labs", "Directory.Packages.props"), Path.Combine(Root, "Directory.Packages.props"));
        File.WriteAllText(Path.Combine(Project, "Program.cs"), programCs);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "workshop-broken-" + Guid.NewGuid().ToString("N"));

    public string Project => Path.Combine(Root, "lab");

    public string Output => Path.Combine(Root, "out");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaner.
        }
    }
}
