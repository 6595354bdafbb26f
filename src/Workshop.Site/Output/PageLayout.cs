using System.Text;

namespace Workshop.Site.Output;

/// <summary>
/// The page template (<c>site/theme/layout.html</c>) with <c>{{name}}</c> placeholders filled in. Every link it
/// holds is relative, so the site works from <c>file://</c> and under any sub-path.
/// </summary>
internal sealed class PageLayout(string template)
{
    public string Fill(IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder(template.Length * 4);
        var cursor = 0;
        while (true)
        {
            var open = template.IndexOf("{{", cursor, StringComparison.Ordinal);
            if (open < 0) break;
            var close = template.IndexOf("}}", open, StringComparison.Ordinal);
            if (close < 0) break;
            html.Append(template, cursor, open - cursor);
            var key = template[(open + 2)..close].Trim();
            html.Append(values.TryGetValue(key, out var value) ? value : "");
            cursor = close + 2;
        }
        return html.Append(template, cursor, template.Length - cursor).ToString();
    }
}
