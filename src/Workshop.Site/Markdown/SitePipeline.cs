using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Workshop.Site.Markdown.Anchors;
using Workshop.Site.Markdown.Callouts;
using Workshop.Site.Markdown.Highlighting;
using Workshop.Site.Markdown.Includes;
using Workshop.Site.Markdown.Links;
using Workshop.Site.Markdown.Tasks;

namespace Workshop.Site.Markdown;

/// <summary>
/// The Markdig pipeline of the site and its features, in the order they must run: includes, callouts and task blocks
/// shape each page, heading anchors give it ids; once every page has its ids, links are rewritten and checked.
/// </summary>
internal sealed class SitePipeline
{
    private readonly ISiteTransform[] _pageTransforms;

    public SitePipeline()
    {
        var includes = new CodeIncludeExtension();
        var callouts = new CalloutExtension();
        var tasks = new TaskBlockExtension();
        var anchors = new HeadingAnchorExtension();
        Links = new LinkRewriteExtension();
        _pageTransforms = [includes, callouts, tasks, anchors];
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseEmphasisExtras()
            .UseAutoLinks()
            .UseTaskLists()
            .UseListExtras();
        builder.Extensions.AddIfNotAlready(includes);
        builder.Extensions.AddIfNotAlready(callouts);
        builder.Extensions.AddIfNotAlready(tasks);
        builder.Extensions.AddIfNotAlready(anchors);
        builder.Extensions.AddIfNotAlready(Links);
        builder.Extensions.AddIfNotAlready(new CodeBlockExtension());
        Pipeline = builder.Build();
    }

    public MarkdownPipeline Pipeline { get; }

    public LinkRewriteExtension Links { get; }

    /// <summary>Parses a page and applies every per-page feature; links are left for <see cref="ResolveLinks"/>.</summary>
    public MarkdownDocument Parse(string markdown, PageContext context)
    {
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var transform in _pageTransforms) transform.Transform(document, context);
        return document;
    }

    public void ResolveLinks(MarkdownDocument document, PageContext context) => Links.Transform(document, context);

    public string Render(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Parse, transform, resolve and render one page on its own (for tests and previews).</summary>
    public string ToHtml(string markdown, PageContext context)
    {
        var document = Parse(markdown, context);
        ResolveLinks(document, context);
        return Render(document);
    }
}
