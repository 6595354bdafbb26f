using System.Globalization;
using System.Text.RegularExpressions;

namespace Workshop.Site.Markdown.Includes;

/// <summary>Cuts a named region or a line range out of a file and removes the common indentation.</summary>
internal static partial class RegionExtractor
{
    /// <summary>The selected text, or null with <paramref name="error"/> set.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="selector">Empty (whole file), <c>L10</c>, <c>L10-L20</c>, or a region name.</param>
    /// <param name="error">Why nothing could be selected.</param>
    public static string? Extract(string[] lines, string selector, out string? error)
    {
        error = null;
        IEnumerable<string> selected;
        var range = LineRange().Match(selector);
        if (selector.Length == 0) selected = lines;
        else if (range.Success)
        {
            var from = int.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture);
            var to = range.Groups["to"].Success ? int.Parse(range.Groups["to"].Value, CultureInfo.InvariantCulture) : from;
            if (from < 1 || to < from || to > lines.Length)
            {
                error = $"lines {from}-{to} are outside the file's {lines.Length} lines";
                return null;
            }
            selected = lines[(from - 1)..to];
        }
        else
        {
            var start = Array.FindIndex(lines, l => RegionStart().Match(l) is { Success: true } m && m.Groups["name"].Value == selector);
            if (start < 0)
            {
                error = $"no region named '{selector}'";
                return null;
            }
            var depth = 0;
            var end = -1;
            for (var i = start + 1; i < lines.Length && end < 0; i++)
            {
                if (RegionStart().IsMatch(lines[i])) depth++;
                else if (RegionEnd().IsMatch(lines[i]) && depth-- == 0) end = i;
            }
            if (end < 0)
            {
                error = $"region '{selector}' has no end marker";
                return null;
            }
            selected = lines[(start + 1)..end];
        }
        // Markers of other (nested) regions are for authors, not readers.
        return Dedent(selected.Where(l => !RegionStart().IsMatch(l) && !RegionEnd().IsMatch(l)).ToList());
    }

    private static string Dedent(List<string> lines)
    {
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0])) lines.RemoveAt(0);
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1])) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.TrimEnd()));
    }

    [GeneratedRegex(@"^L(?<from>\d+)(?:-L?(?<to>\d+))?$")]
    private static partial Regex LineRange();

    // C# "#region name", JS/C "// region name" or "// #region name", HTML/CSS "<!-- region name -->", "/* region name */".
    [GeneratedRegex(@"^\s*(?:#|//\s*#?|<!--\s*#?|/\*\s*#?)region\s+(?<name>[\w.\-]+)")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^\s*(?:#|//\s*#?|<!--\s*#?|/\*\s*#?)endregion\b")]
    private static partial Regex RegionEnd();
}
