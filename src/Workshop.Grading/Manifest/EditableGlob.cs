using System.Text;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Manifest;

/// <summary>
/// One pattern of a lab's <c>editable</c> list in <c>labs.json</c>: which files of <c>start/</c> a learner writes
/// (and so the only files grading takes from a submission). Paths are relative to <c>start/</c> with <c>/</c>
/// separators; <c>*</c> and <c>?</c> stay within one folder, <c>**</c> spans folders (<c>**/*.cs</c>, <c>wwwroot/**</c>).
/// </summary>
public sealed class EditableGlob
{
    // Files that steer the build or restore: a pattern that could take one from a submission is refused at load time.
    private static readonly string[] BuildFiles =
        ["Lab.csproj", "sub/Lab.csproj", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props",
         "NuGet.config", "nuget.config", "global.json", "Lab.props", "Lab.targets", "sub/Directory.Build.props", ".editorconfig"];

    private readonly Regex _regex;

    private EditableGlob(string pattern)
    {
        Pattern = pattern;
        _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern as written in the manifest.</summary>
    public string Pattern { get; }

    /// <summary>Parses a pattern, or throws <see cref="InvalidDataException"/> saying what is wrong with it.</summary>
    public static EditableGlob Parse(string pattern)
    {
        var problem = Problem(pattern);
        if (problem is not null) throw new InvalidDataException($"editable pattern \"{pattern}\" {problem}");
        return new EditableGlob(pattern);
    }

    /// <summary>True when <paramref name="relativePath"/> (relative to <c>start/</c>, <c>/</c> separators) matches.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath.Replace('\\', '/'));

    private static string? Problem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "is empty";
        if (pattern.StartsWith('/') || pattern.Contains('\\', StringComparison.Ordinal) || pattern.Contains(':', StringComparison.Ordinal))
        {
            return "must be relative to start/ with / separators";
        }
        if (pattern.Split('/').Any(s => s is "" or "." or "..")) return "must not contain empty, . or .. segments";
        if (pattern.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '*' or '?' or '/' or '.' or '-' or '_')))
        {
            return "may only use letters, digits, . - _ / * and ?";
        }
        var glob = new EditableGlob(pattern);
        var steering = BuildFiles.FirstOrDefault(glob.IsMatch);
        return steering is null ? null : $"would take build settings ({steering}) from a submission";
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.Append('$').ToString();
    }
}
