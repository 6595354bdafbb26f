using System.Text.RegularExpressions;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>Every playground page carries the same navigation: to each other page and back to the course.</summary>
public sealed partial class PlaygroundNavigationTests
{
    [Fact]
    public void Every_playground_page_links_to_every_other_page_and_back_to_the_course()
    {
        var folder = Path.Combine(RepoPaths.Root, "src", "Workshop.Playground", "wwwroot", "play");
        var pages = Directory.GetFiles(folder, "*.html").Select(Path.GetFileName).OfType<string>().Where(p => p != "index.html").ToList();
        Assert.Contains("chat.html", pages);
        Assert.Contains("game.html", pages);

        foreach (var file in Directory.GetFiles(folder, "*.html"))
        {
            var nav = Nav().Match(File.ReadAllText(file));
            Assert.True(nav.Success, $"{Path.GetFileName(file)} has no navigation in its header");
            var links = Href().Matches(nav.Value).Select(m => m.Groups["href"].Value).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(pages.Append("/").ToHashSet(StringComparer.Ordinal), links);
        }
    }

    [GeneratedRegex("""<header class="top">[\s\S]*?<nav>[\s\S]*?</nav>""")]
    private static partial Regex Nav();

    [GeneratedRegex("""href="(?<href>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Href();
}
