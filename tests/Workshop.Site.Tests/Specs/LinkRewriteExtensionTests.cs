namespace Workshop.Site.Tests.Specs;

public sealed class LinkRewriteExtensionTests : IDisposable
{
    private readonly TempRepo _repo = new();

    [Fact]
    public void A_link_to_another_pages_markdown_and_anchor_points_at_its_html()
    {
        _repo.Write("site/index.md", "# Home\n\nRead [the layout](../README.md#layout).\n");

        _repo.Build();

        Assert.Contains("<a href=\"readme.html#layout\">the layout</a>", _repo.Page("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_repository_file_that_is_no_page_becomes_a_marked_file_name()
    {
        _repo.Write("src/App/Program.cs", "// app").Write("site/index.md", "# Home\n\nSee [the app](../src/App/Program.cs).\n");

        _repo.Build();

        Assert.Contains("<span class=\"repo-file\" title=\"In the repository: src/App/Program.cs\">the app</span>", _repo.Page("index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public void External_links_stay_but_an_external_image_is_refused()
    {
        var (html, ok) = MarkdownHarness.Render("[docs](https://learn.microsoft.com/)\n");
        Assert.Empty(ok);
        Assert.Contains("href=\"https://learn.microsoft.com/\"", html, StringComparison.Ordinal);

        var (_, problems) = MarkdownHarness.Render("![logo](https://example.com/logo.png)\n");
        Assert.Contains("external image", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_image_is_copied_beside_the_pages()
    {
        _repo.Write("site/img/flow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").Write("site/index.md", "# Home\n\n![flow](img/flow.svg)\n");

        _repo.Build();

        Assert.Contains("src=\"media/site-img-flow.svg\"", _repo.Page("index.html"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_repo.Output, "media", "site-img-flow.svg")));
    }

    public void Dispose() => _repo.Dispose();
}
