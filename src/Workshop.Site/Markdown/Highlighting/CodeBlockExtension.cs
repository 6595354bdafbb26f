using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>Replaces Markdig's code block output with highlighted blocks that carry a language label and a copy button.</summary>
internal sealed class CodeBlockExtension : IMarkdownExtension
{
    private readonly Highlighter _highlighter = new();

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html) html.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeRenderer(_highlighter));
    }
}
