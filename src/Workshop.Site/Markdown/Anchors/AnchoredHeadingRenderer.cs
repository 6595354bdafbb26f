using System.Globalization;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Workshop.Site.Markdown.Anchors;

/// <summary>Writes <c>&lt;hN id="x"&gt;text &lt;a class="anchor" href="#x"&gt;#&lt;/a&gt;&lt;/hN&gt;</c>.</summary>
internal sealed class AnchoredHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
    {
        var tag = "h" + Math.Clamp(heading.Level, 1, 6).ToString(CultureInfo.InvariantCulture);
        renderer.EnsureLine();
        renderer.Write('<').Write(tag).WriteAttributes(heading).Write('>');
        renderer.WriteLeafInline(heading);
        var id = heading.TryGetAttributes()?.Id;
        if (id is not null && heading.Level > 1)
        {
            renderer.Write(" <a class=\"anchor\" href=\"#").WriteEscapeUrl(id).Write("\" aria-label=\"Link to this section\">#</a>");
        }
        renderer.Write("</").Write(tag).WriteLine(">");
    }
}
