using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workshop.Site.Markdown.Callouts;

/// <summary>
/// GitHub-style callouts: a block quote whose first line is <c>[!NOTE]</c>, <c>[!TIP]</c>, <c>[!WARNING]</c>,
/// <c>[!IMPORTANT]</c> or <c>[!CAUTION]</c> becomes a titled, coloured box (GitHub renders the same source alike).
/// </summary>
internal sealed partial class CalloutExtension : IMarkdownExtension, ISiteTransform
{
    public const string DataKey = "workshop-callout";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html) html.ObjectRenderers.ReplaceOrAdd<QuoteBlockRenderer>(new CalloutRenderer());
    }

    public void Transform(MarkdownDocument document, PageContext context)
    {
        foreach (var quote in document.Descendants<QuoteBlock>().ToList())
        {
            if (quote.Count == 0 || quote[0] is not ParagraphBlock { Inline: { } inline } paragraph) continue;

            // "[!NOTE]" arrives as a few literal inlines ("[", "!NOTE", "]"): read them up to the first line break.
            var marker = new StringBuilder();
            var taken = new List<Inline>();
            for (var node = inline.FirstChild; node is LiteralInline literal; node = node.NextSibling)
            {
                marker.Append(literal.Content.ToString());
                taken.Add(literal);
            }
            var match = Marker().Match(marker.ToString());
            if (!match.Success) continue;

            var kind = match.Groups["kind"].Value.ToLowerInvariant();
            if (taken[^1].NextSibling is LineBreakInline lineBreak) taken.Add(lineBreak);
            foreach (var node in taken) node.Remove();
            if (inline.FirstChild is null) quote.Remove(paragraph);
            quote.SetData(DataKey, kind);
        }
    }

    [GeneratedRegex(@"^\s*\[!(?<kind>NOTE|TIP|WARNING|IMPORTANT|CAUTION)\]\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();
}
