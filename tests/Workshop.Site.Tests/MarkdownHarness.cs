using Workshop.Site.Content;
using Workshop.Site.Markdown;

namespace Workshop.Site.Tests;

/// <summary>Renders one Markdown snippet as if it were a page at <c>sourcePath</c> inside <c>repoRoot</c>.</summary>
internal static class MarkdownHarness
{
    public static (string Html, List<SiteProblem> Problems) Render(string markdown, string? repoRoot = null, string sourcePath = "site/page.md")
    {
        var problems = new List<SiteProblem>();
        var page = new SourcePage { SourcePath = sourcePath, OutputName = "page.html", Section = "Test", Markdown = markdown };
        var context = new PageContext(repoRoot ?? Path.GetTempPath(), page, problems);
        var html = new SitePipeline().ToHtml(markdown, context);
        return (html, problems);
    }

    public static string Html(string markdown, string? repoRoot = null)
    {
        var (html, problems) = Render(markdown, repoRoot);
        Assert.Empty(problems);
        return html;
    }
}
