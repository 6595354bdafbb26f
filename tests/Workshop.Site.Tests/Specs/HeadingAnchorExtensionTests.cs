namespace Workshop.Site.Tests.Specs;

public sealed class HeadingAnchorExtensionTests
{
    [Fact]
    public void Headings_get_github_style_ids_and_a_link_to_themselves()
    {
        var html = MarkdownHarness.Html("## Reconnect with `Last-Event-ID`!\n");

        Assert.Contains("<h2 id=\"reconnect-with-last-event-id\">", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"anchor\" href=\"#reconnect-with-last-event-id\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_headings_get_numbered_ids()
    {
        var html = MarkdownHarness.Html("## Try it\n\n## Try it\n\n## Try it\n");

        Assert.Contains("id=\"try-it\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"try-it-1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"try-it-2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_never_takes_an_id_the_page_layout_uses()
    {
        var html = MarkdownHarness.Html("## Search\n\n## Content\n");

        Assert.Contains("<h2 id=\"search-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"content-1\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_an_anchor_of_the_page_passes_and_a_missing_one_is_reported_with_its_line()
    {
        var (_, ok) = MarkdownHarness.Render("## Close codes\n\nSee [close codes](#close-codes).\n");
        Assert.Empty(ok);

        var (_, problems) = MarkdownHarness.Render("## Close codes\n\nLine three\nSee [frames](#frames).\n");
        var problem = Assert.Single(problems);
        Assert.Equal("site/page.md", problem.File);
        Assert.Equal(4, problem.Line);
        Assert.Contains("#frames", problem.Message, StringComparison.Ordinal);
    }
}
