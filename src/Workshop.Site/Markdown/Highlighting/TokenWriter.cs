using System.Text;
using Workshop.Site.Output;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>Appends escaped text, optionally inside a token span, for the small hand-written tokenizers.</summary>
internal sealed class TokenWriter
{
    private readonly StringBuilder _html = new();

    public TokenWriter Text(string text)
    {
        _html.Append(Html.Encode(text));
        return this;
    }

    public TokenWriter Token(string kind, string text)
    {
        if (text.Length == 0) return this;
        _html.Append("<span class=\"tok-").Append(kind).Append("\">").Append(Html.Encode(text)).Append("</span>");
        return this;
    }

    public TokenWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public override string ToString() => _html.ToString();
}
