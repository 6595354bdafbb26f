using Markdig.Syntax;

namespace Workshop.Site.Markdown;

/// <summary>A site feature's work on a parsed page (the Markdig extension half registers its renderers).</summary>
internal interface ISiteTransform
{
    void Transform(MarkdownDocument document, PageContext context);
}
