using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Workshop.Site.Markdown;
using Workshop.Site.Markdown.Highlighting;

namespace Workshop.Site.Output;

/// <summary>
/// The search index, built at generation time and written as a script (<c>search-index.js</c>) rather than JSON:
/// browsers refuse to fetch a file from <c>file://</c>, but they do load a script.
/// </summary>
internal sealed class SearchIndex
{
    private readonly List<SearchEntry> _entries = [];

    public void Add(string pageTitle, string url, MarkdownDocument document)
    {
        var heading = pageTitle;
        var anchor = "";
        var text = new StringBuilder();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is HeadingBlock h)
            {
                Flush(pageTitle, url, heading, anchor, text);
                heading = PlainText.Of(h);
                anchor = h.TryGetAttributes()?.Id ?? "";
                continue;
            }
            text.Append(block is CodeBlock code ? HighlightedCodeRenderer.Code(code) : PlainText.Of(block)).Append(' ');
        }
        Flush(pageTitle, url, heading, anchor, text);
    }

    private void Flush(string page, string url, string heading, string anchor, StringBuilder text)
    {
        var body = string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        text.Clear();
        if (body.Length == 0 && heading == page) return;
        _entries.Add(new SearchEntry(page, anchor.Length == 0 ? url : $"{url}#{anchor}", heading, body));
    }

    public int Count => _entries.Count;

    public string ToScript()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.Default,
        };
        return "window.WORKSHOP_SEARCH_INDEX = " + JsonSerializer.Serialize(_entries, options) + ";\n";
    }
}
