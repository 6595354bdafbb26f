using System.Text.RegularExpressions;

namespace Workshop.Cli.Classroom;

/// <summary>
/// Drops the projects under <c>tests\</c> and <c>bench\</c> (and their solution folders) from <c>Workshop.sln</c>,
/// since the template leaves those folders out.
/// </summary>
public static partial class SolutionFileEditor
{
    /// <summary>The solution text without the left-out projects.</summary>
    public static string WithoutLeftOutProjects(string sln)
    {
        var lines = sln.Split('\n');
        var dropped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var match = ProjectLine().Match(line);
            if (match.Success && (match.Groups["path"].Value is "tests" or "bench" || match.Groups["path"].Value.StartsWith(@"tests\", StringComparison.Ordinal)
                || match.Groups["path"].Value.StartsWith(@"bench\", StringComparison.Ordinal)))
            {
                dropped.Add(match.Groups["guid"].Value);
            }
        }
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (ProjectLine().Match(lines[i]) is { Success: true } m && dropped.Contains(m.Groups["guid"].Value))
            {
                if (i + 1 < lines.Length && lines[i + 1].TrimEnd() == "EndProject") i++;
                continue;
            }
            if (dropped.Any(g => lines[i].Contains(g, StringComparison.OrdinalIgnoreCase))) continue;
            kept.Add(lines[i]);
        }
        return string.Join('\n', kept);
    }

    [GeneratedRegex("""^Project\("\{[^}]+\}"\) = "[^"]*", "(?<path>[^"]*)", "(?<guid>\{[^}]+\})"\s*$""")]
    private static partial Regex ProjectLine();
}
