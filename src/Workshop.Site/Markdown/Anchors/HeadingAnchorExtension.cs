using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Workshop.Site.Markdown.Anchors;

/// <summary>
/// Heading anchors: every heading gets a GitHub-style id (so links written for GitHub keep working) and a visible
/// <c>#</c> link to itself. The ids become the page's anchors that the link check accepts.
/// </summary>
internal sealed class HeadingAnchorExtension : IMarkdownExtension, ISiteTransform
{
    private static readonly string[] ReservedIds = ["content", "sidebar", "search", "search-results", "theme-toggle", "nav-toggle", "playground-link"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html) html.ObjectRenderers.ReplaceOrAdd<HeadingRenderer>(new AnchoredHeadingRenderer());
    }

    public void Transform(MarkdownDocument document, PageContext context)
    {
        // The layout's own element ids are taken: a heading "Search" becomes #search-1, never a second #search.
        var counts = ReservedIds.ToDictionary(id => id, _ => 1, StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var slug = Slugger.Slug(PlainText.Of(heading));
            if (slug.Length == 0) slug = "section";
            var id = counts.TryGetValue(slug, out var seen) ? $"{slug}-{seen}" : slug;
            counts[slug] = seen + 1;
            heading.GetAttributes().Id = id;
            context.Anchors.Add(id);
        }
    }
}
