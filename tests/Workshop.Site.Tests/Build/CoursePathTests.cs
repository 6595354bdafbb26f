using System.Text.Json;
using System.Text.RegularExpressions;
using Workshop.Testing;

namespace Workshop.Site.Tests.Build;

/// <summary>The repository's site walks one path: each notebook, then the labs it introduces, then the next notebook.</summary>
public sealed partial class CoursePathTests(BuiltSite site) : IClassFixture<BuiltSite>
{
    [Fact]
    public void The_sidebar_interleaves_each_notebook_with_the_labs_it_introduces()
    {
        var order = new[] { "n01", "01", "02", "03", "09", "n02", "04", "05", "10", "n03", "06", "07", "n04", "08" }
            .Select(OutputOf).OfType<string>().ToList();
        var sidebar = Sidebar().Match(File.ReadAllText(Path.Combine(site.Output, "index.html"))).Value;

        var positions = order.Select(p => sidebar.IndexOf($"href=\"{p}\"", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        // Every one of the four notebooks and ten labs is on the path (OutputOf drops a name with no page).
        Assert.True(order.Count == 14, string.Join(", ", order));
    }

    [Fact]
    public void No_reader_page_speaks_of_issues_or_branches()
    {
        var readers = Directory.GetFiles(site.Output, "*.html").Where(f => Audience(f) == "readers").ToList();
        var contributors = Directory.GetFiles(site.Output, "*.html").Where(f => Audience(f) == "contributors").Select(Path.GetFileName).ToList();

        Assert.NotEmpty(readers);
        Assert.Contains("docs-reference-audit.html", contributors);
        Assert.Contains("docs-benchmarks.html", contributors);
        Assert.All(readers, page => Assert.True(TrackerWords(page).Count == 0, $"{Path.GetFileName(page)} speaks of {string.Join(", ", TrackerWords(page))}"));
        // The detector itself: the audit, kept for contributors, does speak of issues.
        Assert.NotEmpty(TrackerWords(Path.Combine(site.Output, "docs-reference-audit.html")));
    }

    [Theory]
    [InlineData("Measured for issue 12 on this branch.", 2)]
    [InlineData("Open issues and the fix branches are listed.", 2)]
    [InlineData("The server issues a token; the browser issues the request again.", 0)]
    public void The_tracker_word_detector_tells_the_tracker_from_the_verb(string text, int expected)
    {
        Assert.Equal(expected, Tracker().Matches(text).Count);
    }

    [Fact]
    public void Maintainers_material_is_listed_only_under_for_contributors()
    {
        var sidebar = Sidebar().Match(File.ReadAllText(Path.Combine(site.Output, "index.html"))).Value;
        var contributors = sidebar.IndexOf(">For contributors</p>", StringComparison.Ordinal);

        Assert.True(contributors > 0, "no For contributors section");
        foreach (var page in new[] { "docs-reference-audit.html", "docs-benchmarks.html", "docs-faults.html", "docs-site.html" })
        {
            Assert.True(sidebar.IndexOf($"href=\"{page}\"", StringComparison.Ordinal) > contributors, $"{page} is listed before For contributors");
        }
    }

    [Fact]
    public void Every_lab_page_keeps_its_solution_inside_one_closed_show_the_solution_fold()
    {
        var labs = Directory.GetFiles(site.Output, "lab-*.html");
        Assert.NotEmpty(labs);
        foreach (var lab in labs)
        {
            var html = File.ReadAllText(lab);
            var folds = SolutionFold().Matches(html);
            var solutionFiles = SolutionFile().Matches(html).Count;
            if (solutionFiles == 0) continue;
            var fold = Assert.Single(folds);
            Assert.DoesNotContain(" open", fold.Groups["attributes"].Value, StringComparison.Ordinal);
            Assert.Equal(solutionFiles, SolutionFile().Matches(fold.Value).Count);
            var hints = html.IndexOf("id=\"hints\"", StringComparison.Ordinal);
            Assert.True(hints < fold.Index, $"{lab}: the solution comes before the hints");
        }
    }

    [Fact]
    public void The_static_build_links_the_header_to_the_configured_playground_address()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "site", "site.json")));
        var configured = manifest.RootElement.GetProperty("playground").GetString()!;

        foreach (var page in Directory.GetFiles(site.Output, "*.html"))
        {
            var html = File.ReadAllText(page);
            Assert.Contains($"id=\"playground-link\" class=\"header-link\" href=\"{configured}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"play/", html, StringComparison.Ordinal);
        }
        Assert.StartsWith("http", configured, StringComparison.Ordinal);
        Assert.Empty(LinkChecker.Check(site.Output));
    }

    private static List<string> TrackerWords(string page)
    {
        var html = File.ReadAllText(page);
        var text = Tags().Replace(Article().Match(html).Value + Title().Match(html).Value, " ");
        return Tracker().Matches(System.Net.WebUtility.HtmlDecode(text)).Select(m => m.Value).ToList();
    }

    private static string? Audience(string page) => AudienceMeta().Match(File.ReadAllText(page)).Groups["audience"].Value;

    /// <summary>The output page of a lab id ("01") or notebook ("n01"), or null when it does not exist (yet).</summary>
    private static string? OutputOf(string id)
    {
        if (id.StartsWith('n'))
        {
            var notebook = Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), id[1..] + "-*.ipynb").SingleOrDefault();
            return notebook is null ? null : $"notebook-{Path.GetFileNameWithoutExtension(notebook)}.html";
        }
        var lab = RepoPaths.Manifest.Labs.FirstOrDefault(l => l.Id == id);
        return lab is null ? null : $"lab-{lab.Folder}.html";
    }

    [GeneratedRegex("""<nav class="toc"[\s\S]*?</nav>""")]
    private static partial Regex Sidebar();

    [GeneratedRegex("<article>[\\s\\S]*</article>")]
    private static partial Regex Article();

    [GeneratedRegex("<title>[^<]*</title>")]
    private static partial Regex Title();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    // "issue" as the tracker's noun, not the verb ("the server issues a token"); "branch" in the version-control sense.
    [GeneratedRegex(@"\b(issues?\b(?!\s+(a|an|the|its|their|one|new|tokens?|cookies?)\b)|branch(es)?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Tracker();

    [GeneratedRegex("""<meta name="workshop-audience" content="(?<audience>[^"]*)">""")]
    private static partial Regex AudienceMeta();

    [GeneratedRegex("""<details(?<attributes> class="solution"[^>]*)>\s*<summary>Show the solution</summary>[\s\S]*?</details>""")]
    private static partial Regex SolutionFold();

    [GeneratedRegex("""<span class="code-file">labs/[^<]*/solution/""")]
    private static partial Regex SolutionFile();
}
