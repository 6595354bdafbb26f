using System.Text.Json;

namespace Workshop.Site.Content;

/// <summary>
/// Finds every page in course order from <c>site/site.json</c>: its sections list site pages and the README by path,
/// and pull in the labs (labs.json order) and the notebooks (file-name order) with <c>"include"</c>. What does not
/// exist yet is simply absent, so the site grows as labs and notebooks land.
/// </summary>
internal static class ContentCollector
{
    public const string ManifestPath = "site/site.json";

    public static List<SourcePage> Collect(string repoRoot, List<SiteProblem> problems)
    {
        var pages = new List<SourcePage>();
        var manifest = Path.Combine(repoRoot, ManifestPath);
        if (!File.Exists(manifest))
        {
            problems.Add(new SiteProblem(ManifestPath, 0, "the site manifest is missing"));
            return pages;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        foreach (var section in document.RootElement.GetProperty("sections").EnumerateArray())
        {
            var title = section.GetProperty("title").GetString() ?? "";
            if (section.TryGetProperty("pages", out var list))
            {
                // An entry is a path, or { "path": ..., "title": ... } to name it in the sidebar.
                foreach (var entry in list.EnumerateArray())
                {
                    var path = entry.ValueKind == JsonValueKind.String ? entry.GetString() : entry.GetProperty("path").GetString();
                    var pageTitle = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("title", out var t) ? t.GetString() : null;
                    AddFile(repoRoot, path ?? "", title, pageTitle, pages, problems);
                }
            }
            switch (section.TryGetProperty("include", out var include) ? include.GetString() : null)
            {
                case "labs":
                    foreach (var (folder, labTitle) in LabManifest.Read(repoRoot, problems))
                    {
                        var path = $"labs/{folder}/README.md";
                        pages.Add(new SourcePage
                        {
                            SourcePath = path, OutputName = $"lab-{Slug(folder)}.html", Section = title,
                            Markdown = File.ReadAllText(Path.Combine(repoRoot, path)) + HintsAppendix.For(repoRoot, folder)
                                + SolutionAppendix.For(Path.Combine(repoRoot, "labs", folder)),
                            Title = NumberedTitle(folder, labTitle),
                        });
                    }
                    break;
                case "notebooks":
                    AddNotebooks(repoRoot, title, pages, problems);
                    break;
            }
        }
        return pages;
    }

    private static void AddFile(string repoRoot, string path, string section, string? title, List<SourcePage> pages, List<SiteProblem> problems)
    {
        var full = Path.Combine(repoRoot, path);
        if (!File.Exists(full))
        {
            problems.Add(new SiteProblem(ManifestPath, 0, $"page {path} does not exist"));
            return;
        }
        var name = Path.GetFileNameWithoutExtension(path);
        var output = path.StartsWith("site/", StringComparison.Ordinal) ? $"{Slug(name)}.html" : $"{Slug(path[..^3])}.html";
        pages.Add(new SourcePage { SourcePath = path, OutputName = output, Section = section, Markdown = File.ReadAllText(full), Title = title });
    }

    private static void AddNotebooks(string repoRoot, string section, List<SourcePage> pages, List<SiteProblem> problems)
    {
        var dir = Path.Combine(repoRoot, "notebooks");
        if (!Directory.Exists(dir)) return;
        foreach (var file in Directory.GetFiles(dir, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var path = "notebooks/" + Path.GetFileName(file);
            try
            {
                var (markdown, origins) = NotebookReader.Read(File.ReadAllText(file));
                pages.Add(new SourcePage
                {
                    SourcePath = path, OutputName = $"notebook-{Slug(Path.GetFileNameWithoutExtension(file))}.html", Section = section,
                    Markdown = markdown, Locate = line => line >= 0 && line < origins.Count ? origins[line] : "end",
                });
            }
            catch (JsonException e)
            {
                problems.Add(new SiteProblem(path, (int)(e.LineNumber ?? 0) + 1, $"not a valid notebook: {e.Message}"));
            }
        }
    }

    /// <summary>"01 · WebSocket: welcome and echo": the folder's number keeps the course order visible in the sidebar.</summary>
    private static string? NumberedTitle(string folder, string? title)
    {
        var number = new string(folder.TakeWhile(char.IsAsciiDigit).ToArray());
        return title is null || number.Length == 0 || title.StartsWith(number, StringComparison.Ordinal) ? title : $"{number} · {title}";
    }

    /// <summary>Lower-case letters, digits and dashes: safe in any URL and on any file system.</summary>
    public static string Slug(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
