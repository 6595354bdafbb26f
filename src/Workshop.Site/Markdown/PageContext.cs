using Workshop.Site.Content;

namespace Workshop.Site.Markdown;

/// <summary>What a transform needs while working on one page: where it lives, where to report problems, its anchors.</summary>
internal sealed class PageContext(string repoRoot, SourcePage page, List<SiteProblem> problems)
{
    public string RepoRoot { get; } = repoRoot;

    public SourcePage Page { get; } = page;

    /// <summary>Every id a link may target with <c>#fragment</c> on this page.</summary>
    public HashSet<string> Anchors { get; } = new(StringComparer.Ordinal);

    public void Report(int line, string message) => problems.Add(Page.Problem(line, message));

    /// <summary>Resolves a link or include path against the page's folder (or the repo root for <c>/…</c>); null when it leaves the repo.</summary>
    public string? ResolveRepoPath(string path)
    {
        var combined = path.StartsWith('/') ? path.TrimStart('/') : (Page.Directory.Length == 0 ? path : Page.Directory + "/" + path);
        var parts = new List<string>();
        foreach (var part in combined.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    public string FullPath(string repoPath) => Path.Combine(RepoRoot, repoPath.Replace('/', Path.DirectorySeparatorChar));
}
