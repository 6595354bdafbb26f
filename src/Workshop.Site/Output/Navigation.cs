using System.Text;
using Workshop.Site.Content;

namespace Workshop.Site.Output;

/// <summary>The sidebar (every page, by section, in course order) and the previous/next links of a page.</summary>
internal static class Navigation
{
    /// <param name="pages">Every page in course order.</param>
    /// <param name="current">The page being written: marked, with its own sections listed under it.</param>
    /// <param name="sections">The current page's level-2 headings (id, text).</param>
    public static string Sidebar(IReadOnlyList<SourcePage> pages, SourcePage current, IReadOnlyList<(string Id, string Text)> sections)
    {
        var html = new StringBuilder("<nav class=\"toc\" aria-label=\"Course\">\n");
        foreach (var section in pages.GroupBy(p => p.Section))
        {
            html.Append("<p class=\"toc-section\">").Append(Enc(section.Key)).Append("</p>\n<ol>\n");
            foreach (var page in section)
            {
                var currentAttr = page == current ? " aria-current=\"page\"" : "";
                html.Append($"<li><a href=\"{Enc(page.OutputName)}\"{currentAttr}>{Enc(page.Title ?? page.OutputName)}</a>");
                if (page == current && sections.Count > 0)
                {
                    html.Append("<ul class=\"toc-page\">");
                    foreach (var (id, text) in sections) html.Append($"<li><a href=\"#{Enc(id)}\">{Enc(text)}</a></li>");
                    html.Append("</ul>");
                }
                html.Append("</li>\n");
            }
            html.Append("</ol>\n");
        }
        return html.Append("</nav>").ToString();
    }

    public static string Pager(IReadOnlyList<SourcePage> pages, int index)
    {
        var html = new StringBuilder("<nav class=\"pager\" aria-label=\"Previous and next\">");
        if (index > 0)
        {
            var prev = pages[index - 1];
            html.Append($"<a class=\"prev\" rel=\"prev\" href=\"{Enc(prev.OutputName)}\"><span>Previous</span>{Enc(prev.Title!)}</a>");
        }
        if (index < pages.Count - 1)
        {
            var next = pages[index + 1];
            html.Append($"<a class=\"next\" rel=\"next\" href=\"{Enc(next.OutputName)}\"><span>Next</span>{Enc(next.Title!)}</a>");
        }
        return html.Append("</nav>").ToString();
    }

    private static string Enc(string text) => Html.Encode(text);
}
