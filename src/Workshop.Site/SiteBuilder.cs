using System.Diagnostics;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Workshop.Site.Content;
using Workshop.Site.Markdown;
using Workshop.Site.Output;

namespace Workshop.Site;

/// <summary>Builds the course site: every page of the repository's course material into one folder of static files.</summary>
public static class SiteBuilder
{
    private const string Marker = ".workshop-site";
    private const string ThemeFolder = "site/theme";

    /// <summary>
    /// Builds the site from <paramref name="repoRoot"/> into <paramref name="outDir"/> (emptied first, but only if it is
    /// empty or an earlier site build). Throws <see cref="SiteBuildException"/> naming file and line of every broken
    /// link, anchor or include; nothing is written then. <paramref name="options"/> may name the playground's address.
    /// </summary>
    public static SiteReport Build(string repoRoot, string outDir, SiteOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        repoRoot = Path.GetFullPath(repoRoot);
        outDir = Path.GetFullPath(outDir);
        var problems = new List<SiteProblem>();
        var pages = ContentCollector.Collect(repoRoot, problems);
        var playground = PlaygroundAddress.Resolve(repoRoot, options ?? new SiteOptions(), problems);
        var layoutPath = Path.Combine(repoRoot, ThemeFolder, "layout.html");
        if (!File.Exists(layoutPath)) problems.Add(new SiteProblem(ThemeFolder + "/layout.html", 0, "the page template is missing"));
        if (pages.Count == 0 && problems.Count == 0) problems.Add(new SiteProblem(ContentCollector.ManifestPath, 0, "no pages"));
        if (problems.Count > 0) throw new SiteBuildException(problems);

        var pipeline = new SitePipeline();
        var parsed = new List<(SourcePage Page, PageContext Context, MarkdownDocument Document)>();
        foreach (var page in pages)
        {
            var context = new PageContext(repoRoot, page, problems);
            var document = pipeline.Parse(page.Markdown, context);
            page.Title ??= FirstHeading(document) ?? Path.GetFileNameWithoutExtension(page.SourcePath);
            pipeline.Links.Pages[page.SourcePath] = new(page.OutputName, context.Anchors);
            parsed.Add((page, context, document));
        }
        foreach (var (_, context, document) in parsed) pipeline.ResolveLinks(document, context);
        if (problems.Count > 0) throw new SiteBuildException(problems);

        PrepareOutput(outDir);
        var layout = new PageLayout(File.ReadAllText(layoutPath));
        var search = new SearchIndex();
        for (var i = 0; i < parsed.Count; i++)
        {
            var (page, _, document) = parsed[i];
            var values = new Dictionary<string, string>
            {
                ["title"] = Html.Encode(page.Title!),
                ["head-title"] = Html.Encode(page.Title == SiteInfo.Title ? page.Title : $"{page.Title} · {SiteInfo.Title}"),
                ["site-title"] = Html.Encode(SiteInfo.Title),
                ["section"] = Html.Encode(page.Section),
                ["source"] = Html.Encode(page.SourcePath),
                ["audience"] = page.ForContributors ? "contributors" : "readers",
                ["playground"] = Html.Encode(playground),
                ["nav"] = Navigation.Sidebar(pages, page, Sections(document)),
                ["pager"] = Navigation.Pager(pages, i),
                ["content"] = pipeline.Render(document),
            };
            File.WriteAllText(Path.Combine(outDir, page.OutputName), layout.Fill(values));
            search.Add(page.Title!, page.OutputName, document);
        }
        CopyAssets(repoRoot, outDir, pipeline.Links.Media);
        File.WriteAllText(Path.Combine(outDir, "assets", "search-index.js"), search.ToScript());
        return new SiteReport(pages.Count, clock.Elapsed, outDir);
    }

    private static List<(string Id, string Text)> Sections(MarkdownDocument document)
        => document.Descendants<HeadingBlock>()
            .Where(h => h.Level == 2 && h.TryGetAttributes()?.Id is not null)
            .Select(h => (h.TryGetAttributes()!.Id!, PlainText.Of(h).Trim()))
            .ToList();

    private static string? FirstHeading(MarkdownDocument document)
        => document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } h ? PlainText.Of(h).Trim() : null;

    /// <summary>Empties the output folder, refusing to delete a folder this builder did not write.</summary>
    private static void PrepareOutput(string outDir)
    {
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            if (!File.Exists(Path.Combine(outDir, Marker)))
                throw new SiteBuildException($"{outDir} is not empty and was not written by the site builder; choose another --out.");
            foreach (var dir in Directory.GetDirectories(outDir)) Directory.Delete(dir, recursive: true);
            foreach (var file in Directory.GetFiles(outDir)) File.Delete(file);
        }
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, Marker), "Written by Workshop.Site; the whole folder is replaced on each build.\n");
    }

    private static void CopyAssets(string repoRoot, string outDir, Dictionary<string, string> media)
    {
        var assets = Directory.CreateDirectory(Path.Combine(outDir, "assets")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, ThemeFolder)))
        {
            if (Path.GetFileName(file) != "layout.html") File.Copy(file, Path.Combine(assets, Path.GetFileName(file)));
        }
        foreach (var (source, target) in media)
        {
            var destination = Path.Combine(outDir, target.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(repoRoot, source), destination, overwrite: true);
        }
    }
}
