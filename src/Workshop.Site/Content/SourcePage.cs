namespace Workshop.Site.Content;

/// <summary>One page of the course before rendering: where it came from and its Markdown.</summary>
internal sealed class SourcePage
{
    /// <summary>Repository-relative path with forward slashes, e.g. <c>labs/01-x/README.md</c>.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The HTML file name in the (flat) output folder, e.g. <c>lab-01-x.html</c>.</summary>
    public required string OutputName { get; init; }

    /// <summary>The Markdown to render (for a notebook: generated from its cells).</summary>
    public required string Markdown { get; init; }

    /// <summary>The sidebar section the page belongs to (set when the manifest places it).</summary>
    public required string Section { get; set; }

    /// <summary>Whether the page is maintainers' material (a section with <c>"audience": "contributors"</c>), not the course.</summary>
    public bool ForContributors { get; set; }

    /// <summary>The title: from a manifest, else the first level-1 heading, else the file name.</summary>
    public string? Title { get; set; }

    /// <summary>Maps a 0-based Markdown line to a location text for notebooks (cell and line); null for plain files.</summary>
    public Func<int, string>? Locate { get; init; }

    /// <summary>The folder relative links resolve against.</summary>
    public string Directory => SourcePath.Contains('/', StringComparison.Ordinal) ? SourcePath[..SourcePath.LastIndexOf('/')] : "";

    /// <summary>A problem at a 0-based Markdown line of this page, located in its real source.</summary>
    public SiteProblem Problem(int line, string message)
        => Locate is null ? new SiteProblem(SourcePath, line + 1, message) : new SiteProblem(SourcePath, 0, $"{Locate(line)}: {message}");
}
