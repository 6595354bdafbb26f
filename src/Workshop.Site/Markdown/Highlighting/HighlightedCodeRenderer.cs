using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Workshop.Site.Markdown.Includes;
using Workshop.Site.Output;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>
/// A code block as <c>&lt;div class="code"&gt;</c> with a header (language, source file of an include, copy button)
/// and a highlighted <c>&lt;pre&gt;</c>. Notebook outputs (<c>```output</c>) are shown as plain output.
/// </summary>
internal sealed class HighlightedCodeRenderer(Highlighter highlighter) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        renderer.EnsureLine();
        var info = (block as FencedCodeBlock)?.Info;
        var code = Code(block);
        if (info == "output")
        {
            renderer.Write("<pre class=\"output\" aria-label=\"Output\"><code>").Write(Html.Encode(code)).WriteLine("</code></pre>");
            return;
        }
        var language = Highlighter.Language(info);
        var id = language?.Id ?? "text";
        renderer.Write("<div class=\"code\"><div class=\"code-head\"><span class=\"code-lang\">")
            .Write(Html.Encode(language?.Label ?? (string.IsNullOrEmpty(info) ? "Code" : info))).Write("</span>");
        if (block.GetData(CodeIncludeExtension.DataKey + "-source") is string source)
        {
            renderer.Write("<span class=\"code-file\">").Write(Html.Encode(source)).Write("</span>");
        }
        renderer.Write("<button class=\"copy\" type=\"button\" aria-label=\"Copy code\">Copy</button></div>");
        renderer.Write($"<pre class=\"lang-{id}\"><code>").Write(highlighter.Highlight(code, info)).WriteLine("</code></pre></div>");
    }

    /// <summary>The text of a block: the included file's text when it has one.</summary>
    public static string Code(CodeBlock block)
        => block.GetData(CodeIncludeExtension.DataKey) as string ?? block.Lines.ToString().TrimEnd('\n');
}
