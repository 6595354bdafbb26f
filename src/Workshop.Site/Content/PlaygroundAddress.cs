using System.Text.Json;

namespace Workshop.Site.Content;

/// <summary>
/// The address of the header's "Playground" link: the build option, else <c>site/site.json</c>'s <c>"playground"</c>,
/// else <see cref="SiteInfo.DefaultPlayground"/>. A relative address only works where the playground serves the site,
/// so a static build gets an absolute one; a root-relative one (<c>/play/</c>) breaks under a sub-path and is refused.
/// </summary>
internal static class PlaygroundAddress
{
    public static string Resolve(string repoRoot, SiteOptions options, List<SiteProblem> problems)
    {
        var url = options.PlaygroundUrl ?? FromManifest(repoRoot) ?? SiteInfo.DefaultPlayground;
        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        var relative = !absolute && Uri.TryCreate(url, UriKind.Relative, out _) && !url.StartsWith('/') && !url.Contains(':', StringComparison.Ordinal);
        if (url.Length == 0 || (!absolute && !relative))
        {
            problems.Add(new SiteProblem(ContentCollector.ManifestPath, 0, $"playground address {url}: give an http(s) URL, or a relative path where the playground serves the site"));
        }
        return url;
    }

    private static string? FromManifest(string repoRoot)
    {
        var manifest = Path.Combine(repoRoot, ContentCollector.ManifestPath);
        if (!File.Exists(manifest)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("playground", out var value) ? value.GetString() : null;
    }
}
