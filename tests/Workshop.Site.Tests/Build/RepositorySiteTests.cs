using Workshop.Testing;

namespace Workshop.Site.Tests.Build;

public sealed class RepositorySiteTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void The_whole_site_builds_from_the_repository_with_every_page_of_the_course()
    {
        var pages = Directory.GetFiles(site.Output, "*.html").Select(Path.GetFileName).ToList();

        Assert.Equal(site.Report.PageCount, pages.Count);
        Assert.Contains("index.html", pages);
        Assert.Contains("readme.html", pages);
        Assert.Contains("protocols.html", pages);
        Assert.Contains("instructor.html", pages);
        var labs = Directory.Exists(Path.Combine(RepoPaths.Root, "labs"))
            ? Directory.GetDirectories(Path.Combine(RepoPaths.Root, "labs")).Count(d => File.Exists(Path.Combine(d, "README.md")))
            : 0;
        Assert.Equal(labs, pages.Count(p => p!.StartsWith("lab-", StringComparison.Ordinal)));
        var notebooks = Directory.Exists(Path.Combine(RepoPaths.Root, "notebooks"))
            ? Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Length
            : 0;
        Assert.Equal(notebooks, pages.Count(p => p!.StartsWith("notebook-", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_link_checker_finds_no_broken_internal_link_or_anchor_in_the_built_site()
    {
        Assert.Empty(LinkChecker.Check(site.Output));
    }

    [Fact]
    public void The_link_checker_itself_catches_a_missing_page_and_a_missing_anchor()
    {
        var dir = Directory.CreateTempSubdirectory("links-").FullName;
        File.WriteAllText(Path.Combine(dir, "a.html"), "<h2 id=\"here\">x</h2><a href=\"b.html\">b</a><a href=\"a.html#nowhere\">n</a><a href=\"#here\">h</a>");

        var broken = LinkChecker.Check(dir);

        Assert.Equal(2, broken.Count);
        Assert.Contains(broken, b => b.Contains("b.html points at a missing file", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.Contains("a.html#nowhere points at a missing anchor", StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Every_page_uses_only_shipped_assets_and_relative_links()
    {
        foreach (var page in Directory.GetFiles(site.Output, "*.html"))
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"/", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"/", html, StringComparison.Ordinal);
            Assert.Contains("<script src=\"assets/search-index.js\"></script>", html, StringComparison.Ordinal);
        }
        Assert.StartsWith("window.WORKSHOP_SEARCH_INDEX = [", File.ReadAllText(Path.Combine(site.Output, "assets", "search-index.js")), StringComparison.Ordinal);
    }
}
