using System.Text;

namespace Workshop.Site.Content;

/// <summary>
/// The end of every lab page: the files of <c>solution/</c> that differ from <c>start/</c>, each included from the file
/// itself (a <c>file=</c> fence), all in one closed "Show the solution" <c>&lt;details&gt;</c>, so what the site shows is what
/// the checks pass and nothing is read by accident.
/// </summary>
internal static class SolutionAppendix
{
    private const int MaxFiles = 8;
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", ".data"];

    public static string For(string labDirectory)
    {
        var solution = Path.Combine(labDirectory, "solution");
        if (!Directory.Exists(solution)) return "";
        var files = Directory.EnumerateFiles(solution, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(solution, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(Skipped.Contains) && Language(f) is not null)
            .Where(f => Changed(Path.Combine(solution, f), Path.Combine(labDirectory, "start", f)))
            .OrderBy(f => f.EndsWith(".cs", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .Take(MaxFiles)
            .ToList();
        if (files.Count == 0) return "";

        // One closed fold for the whole solution: a reader who scrolls past the tasks sees no solved code by accident.
        var markdown = new StringBuilder("\n\n## Solution code\n\n");
        markdown.Append("Try the tasks first. The solution is the files of `solution/` that differ from `start/`, ")
            .Append("shown straight from the repository: the code every check of this lab passes against.\n\n")
            .Append("<details class=\"solution\">\n<summary>Show the solution</summary>\n\n");
        foreach (var file in files)
        {
            markdown.Append("```").Append(Language(file)).Append(" file=solution/").Append(file).Append("\n```\n\n");
        }
        markdown.Append("</details>\n\n");
        return markdown.ToString();
    }

    private static bool Changed(string solutionFile, string startFile)
        => !File.Exists(startFile) || !File.ReadAllBytes(solutionFile).AsSpan().SequenceEqual(File.ReadAllBytes(startFile));

    private static string? Language(string path) => Path.GetExtension(path) switch
    {
        ".cs" => "csharp",
        ".js" or ".mjs" => "javascript",
        ".html" => "html",
        ".css" => "css",
        ".json" => "json",
        _ => null,
    };
}
