using Workshop.Testing;

namespace Workshop.Site.Tests;

/// <summary>A throwaway repository: the real theme and manifest, plus whatever pages a test writes.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Directory.CreateTempSubdirectory("site-repo-").FullName;
        File.WriteAllText(Path.Combine(Root, "Workshop.sln"), "");
        var theme = Path.Combine(RepoPaths.Root, "site", "theme");
        Directory.CreateDirectory(Path.Combine(Root, "site", "theme"));
        foreach (var file in Directory.GetFiles(theme)) File.Copy(file, Path.Combine(Root, "site", "theme", Path.GetFileName(file)));
        Write("site/site.json", """
            { "sections": [
              { "title": "Start here", "pages": ["site/index.md", "README.md"] },
              { "title": "Labs", "include": "labs" },
              { "title": "Notebooks", "include": "notebooks" } ] }
            """);
        Write("site/index.md", "# Home\n\nWelcome. See the [README](../README.md).\n");
        Write("README.md", "# The kit\n\n## Layout\n\nBack [home](site/index.md).\n");
    }

    public string Root { get; }

    public string Output => Path.Combine(Root, "out");

    public TempRepo Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public SiteReport Build() => SiteBuilder.Build(Root, Output);

    public string Page(string name) => File.ReadAllText(Path.Combine(Output, name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
