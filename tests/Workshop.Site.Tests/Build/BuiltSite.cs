using Workshop.Testing;

namespace Workshop.Site.Tests.Build;

/// <summary>The repository's own site, built once per test class that asks for it, into a temp folder.</summary>
public sealed class BuiltSite : IDisposable
{
    public BuiltSite()
    {
        Output = Path.Combine(Directory.CreateTempSubdirectory("site-out-").FullName, "site");
        Report = SiteBuilder.Build(RepoPaths.Root, Output);
    }

    public string Output { get; }

    public SiteReport Report { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Output)!, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
