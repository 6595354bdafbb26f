using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Workshop.Site.Markdown.Callouts;

/// <summary>Renders a marked block quote as a callout box; any other block quote as usual.</summary>
internal sealed class CalloutRenderer : HtmlObjectRenderer<QuoteBlock>
{
    protected override void Write(HtmlRenderer renderer, QuoteBlock block)
    {
        renderer.EnsureLine();
        if (block.GetData(CalloutExtension.DataKey) is string kind)
        {
            var title = char.ToUpperInvariant(kind[0]) + kind[1..];
            var role = kind is "warning" or "caution" ? "alert" : "note";
            renderer.Write($"<div class=\"callout callout-{kind}\" role=\"{role}\">");
            renderer.Write($"<p class=\"callout-title\">{title}</p>").WriteLine();
            renderer.WriteChildren(block);
            renderer.WriteLine("</div>");
            return;
        }
        renderer.Write("<blockquote").WriteAttributes(block).WriteLine(">");
        var implicitParagraph = renderer.ImplicitParagraph;
        renderer.ImplicitParagraph = false;
        renderer.WriteChildren(block);
        renderer.ImplicitParagraph = implicitParagraph;
        renderer.WriteLine("</blockquote>");
    }
}
