using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Workshop.Site.Output;

namespace Workshop.Site.Markdown.Links;

/// <summary>
/// Links written for the repository (<c>../02-websocket-chat/README.md#tasks</c>, <c>notebooks/02-sse.ipynb</c>) point at
/// the matching page of the site; local images are copied beside the pages; links to other repository files become
/// a marked file name (the site has no copy of them). A link to nothing, or to an anchor the page lacks, is a problem.
/// Runs after every page has its anchors, so cross-page fragments can be checked.
/// </summary>
internal sealed partial class LinkRewriteExtension : IMarkdownExtension, ISiteTransform
{
    /// <summary>Pages by repository path (e.g. <c>labs/01-x/README.md</c>).</summary>
    public Dictionary<string, LinkTarget> Pages { get; } = new(StringComparer.Ordinal);

    /// <summary>Images to copy: repository path to the output path used in the page.</summary>
    public Dictionary<string, string> Media { get; } = new(StringComparer.Ordinal);

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    public void Transform(MarkdownDocument document, PageContext context)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (string.IsNullOrEmpty(url)) continue;
            var line = link.Line > 0 ? link.Line : BlockLine(link);
            if (Scheme().IsMatch(url) || url.StartsWith("//", StringComparison.Ordinal))
            {
                if (link.IsImage) context.Report(line, $"external image {url}: the site makes no request outside itself; copy it into the repository");
                continue;
            }
            var hash = url.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? url : url[..hash]);
            var fragment = hash < 0 ? null : url[(hash + 1)..];
            if (path.Contains('?', StringComparison.Ordinal)) path = path[..path.IndexOf('?', StringComparison.Ordinal)];

            if (path.Length == 0)
            {
                if (fragment is { Length: > 0 } && !context.Anchors.Contains(fragment)) context.Report(line, $"broken anchor #{fragment}");
                continue;
            }
            var repoPath = context.ResolveRepoPath(path);
            if (repoPath is null)
            {
                context.Report(line, $"broken link {url}: it leaves the repository");
                continue;
            }
            var page = FindPage(repoPath, context);
            if (page is not null)
            {
                if (fragment is { Length: > 0 } && !page.Anchors.Contains(fragment))
                {
                    context.Report(line, $"broken anchor {url}: {repoPath} has no heading #{fragment}");
                    continue;
                }
                link.Url = page.OutputName + (fragment is { Length: > 0 } ? "#" + fragment : "");
                link.GetDynamicUrl = null;
            }
            else if (File.Exists(context.FullPath(repoPath)) && link.IsImage)
            {
                var output = "media/" + repoPath.Replace('/', '-');
                Media[repoPath] = output;
                link.Url = output;
                link.GetDynamicUrl = null;
            }
            else if (File.Exists(context.FullPath(repoPath)) || Directory.Exists(context.FullPath(repoPath)))
            {
                ReplaceWithFileName(link, repoPath);
            }
            else
            {
                context.Report(line, $"broken link {url}: {repoPath} does not exist");
            }
        }
    }

    private LinkTarget? FindPage(string repoPath, PageContext context)
    {
        if (Pages.TryGetValue(repoPath, out var page)) return page;
        // A folder link (labs/01-x/) means its README, as on GitHub.
        var readme = (repoPath.Length == 0 ? "" : repoPath + "/") + "README.md";
        return Directory.Exists(context.FullPath(repoPath)) && Pages.TryGetValue(readme, out page) ? page : null;
    }

    private static int BlockLine(Inline inline)
    {
        ContainerInline? root = inline.Parent;
        while (root?.Parent is not null) root = root.Parent;
        return root?.ParentBlock?.Line ?? 0;
    }

    private static void ReplaceWithFileName(LinkInline link, string repoPath)
    {
        var open = new HtmlInline($"<span class=\"repo-file\" title=\"In the repository: {Html.Encode(repoPath)}\">");
        link.InsertBefore(open);
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.InsertBefore(new HtmlInline("</span>"));
        link.Remove();
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
