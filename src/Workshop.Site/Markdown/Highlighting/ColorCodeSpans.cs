using System.Text;
using ColorCode;
using ColorCode.Parsing;
using ColorCode.Styling;
using Workshop.Site.Output;

namespace Workshop.Site.Markdown.Highlighting;

/// <summary>
/// ColorCode's parser with our own output: bare <c>&lt;span class="tok-…"&gt;</c> runs, so the theme's CSS (light
/// and dark) decides the colours instead of inline styles.
/// </summary>
internal sealed class ColorCodeSpans : CodeColorizerBase
{
    private StringBuilder _html = new();

    public ColorCodeSpans() : base(StyleDictionary.DefaultLight, null)
    {
    }

    public string Format(string code, ILanguage language)
    {
        _html = new StringBuilder(code.Length * 2);
        languageParser.Parse(code, language, Write);
        return _html.ToString();
    }

    protected override void Write(string parsedSourceCode, IList<Scope> scopes)
        => WriteRange(parsedSourceCode, scopes, 0, parsedSourceCode.Length);

    private void WriteRange(string code, IList<Scope> scopes, int start, int end)
    {
        var cursor = start;
        foreach (var scope in scopes.OrderBy(s => s.Index))
        {
            if (scope.Index < cursor || scope.Index + scope.Length > end) continue;
            _html.Append(Html.Encode(code[cursor..scope.Index]));
            _html.Append("<span class=\"").Append(ClassOf(scope.Name)).Append("\">");
            WriteRange(code, scope.Children, scope.Index, scope.Index + scope.Length);
            _html.Append("</span>");
            cursor = scope.Index + scope.Length;
        }
        _html.Append(Html.Encode(code[cursor..end]));
    }

    /// <summary>"Class Name" becomes <c>tok-class-name</c>.</summary>
    public static string ClassOf(string scopeName)
    {
        var sb = new StringBuilder("tok-");
        foreach (var c in scopeName.ToLowerInvariant()) sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return sb.ToString();
    }
}
