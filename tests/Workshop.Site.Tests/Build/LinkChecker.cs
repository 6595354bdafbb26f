using System.Net;
using System.Text.RegularExpressions;

namespace Workshop.Site.Tests.Build;

/// <summary>Checks every relative href/src of every built HTML page: the file exists and so does the #fragment's id.</summary>
internal static partial class LinkChecker
{
    public static List<string> Check(string siteRoot)
    {
        var broken = new List<string>();
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var page in Directory.GetFiles(siteRoot, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            foreach (Match link in Reference().Matches(html))
            {
                var url = WebUtility.HtmlDecode(link.Groups["url"].Value);
                if (Scheme().IsMatch(url)) continue;
                var hash = url.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? url : url[..hash];
                var fragment = hash < 0 ? "" : url[(hash + 1)..];
                var target = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
                var name = Path.GetRelativePath(siteRoot, page);
                if (url.StartsWith('/'))
                {
                    broken.Add($"{name}: {url} is absolute (breaks under a sub-path and from file://)");
                }
                else if (!File.Exists(target))
                {
                    broken.Add($"{name}: {url} points at a missing file");
                }
                else if (fragment.Length > 0 && !IdsOf(target, ids).Contains(fragment))
                {
                    broken.Add($"{name}: {url} points at a missing anchor");
                }
            }
        }
        return broken;
    }

    private static HashSet<string> IdsOf(string file, Dictionary<string, HashSet<string>> cache)
    {
        if (!cache.TryGetValue(file, out var set))
        {
            set = Id().Matches(File.ReadAllText(file)).Select(m => WebUtility.HtmlDecode(m.Groups["id"].Value)).ToHashSet(StringComparer.Ordinal);
            cache[file] = set;
        }
        return set;
    }

    [GeneratedRegex("""(?:href|src)="(?<url>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();

    [GeneratedRegex("""\sid="(?<id>[^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Id();

    [GeneratedRegex("^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)")]
    private static partial Regex Scheme();
}
