using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Workshop.Site.Markdown;

/// <summary>The visible text of inlines (for slugs, titles and the search index).</summary>
internal static class PlainText
{
    public static string Of(ContainerInline? inline)
    {
        var sb = new StringBuilder();
        Append(inline, sb);
        return sb.ToString();
    }

    public static string Of(LeafBlock block) => block.Inline is not null ? Of(block.Inline) : block.Lines.ToString();

    private static void Append(Inline? inline, StringBuilder sb)
    {
        switch (inline)
        {
            case null: return;
            case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
            case CodeInline code: sb.Append(code.Content); break;
            case LineBreakInline: sb.Append(' '); break;
            case HtmlEntityInline entity: sb.Append(entity.Transcoded.ToString()); break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling) Append(child, sb);
                break;
        }
    }
}
