using System.Text.Json;

namespace Workshop.Site.Content;

/// <summary>
/// Finds every page in course order from <c>site/site.json</c>. A section's <c>pages</c> are file paths (or
/// <c>{ "path", "title" }</c>), labs by id (<c>{ "lab": "09" }</c>) and notebooks by number (<c>{ "notebook": "01" }</c>),
/// so one path can interleave notebooks and the labs they introduce. A lab or notebook named there that does not exist
/// yet is simply absent, and appears in its place once it lands. <c>"include": "labs"</c> / <c>"notebooks"</c> pull
/// in those not named anywhere; without such a section, a lab or notebook left off the path is a problem, so nothing
/// new silently drops out of the course. A section with <c>"audience": "contributors"</c> holds maintainers' pages.
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
        var sections = document.RootElement.GetProperty("sections").EnumerateArray().ToList();
        var labs = LabManifest.Read(repoRoot, problems);
        var notebooks = NotebookFiles(repoRoot);
        var namedLabs = Named(sections, "lab");
        var namedNotebooks = Named(sections, "notebook");
        var labsIncluded = sections.Any(s => Include(s) == "labs");
        var notebooksIncluded = sections.Any(s => Include(s) == "notebooks");

        foreach (var section in sections)
        {
            var title = section.GetProperty("title").GetString() ?? "";
            var forContributors = section.TryGetProperty("audience", out var a) && a.GetString() == "contributors";
            void Add(SourcePage page)
            {
                page.Section = title;
                page.ForContributors = forContributors;
                pages.Add(page);
            }
            if (section.TryGetProperty("pages", out var list))
            {
                foreach (var entry in list.EnumerateArray())
                {
                    if (Id(entry, "lab") is { } labId)
                    {
                        // A lab being written (not in labs.json yet) is skipped: it slots in here when it lands.
                        if (labs.FirstOrDefault(l => l.Is(labId)) is { } lab) Add(LabPage(repoRoot, lab));
                    }
                    else if (Id(entry, "notebook") is { } notebookId)
                    {
                        foreach (var file in notebooks.Where(n => LabEntry.SameId(NumberOf(n), notebookId))) AddNotebook(repoRoot, file, Add, problems);
                    }
                    else
                    {
                        var path = entry.ValueKind == JsonValueKind.String ? entry.GetString() : entry.GetProperty("path").GetString();
                        var pageTitle = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("title", out var t) ? t.GetString() : null;
                        AddFile(repoRoot, path ?? "", pageTitle, Add, problems);
                    }
                }
            }
            switch (Include(section))
            {
                case "labs":
                    foreach (var lab in labs.Where(l => !namedLabs.Any(l.Is))) Add(LabPage(repoRoot, lab));
                    break;
                case "notebooks":
                    foreach (var file in notebooks.Where(n => !namedNotebooks.Any(id => LabEntry.SameId(NumberOf(n), id)))) AddNotebook(repoRoot, file, Add, problems);
                    break;
            }
        }
        if (!labsIncluded)
        {
            foreach (var lab in labs.Where(l => !namedLabs.Any(l.Is)))
                problems.Add(new SiteProblem(ManifestPath, 0, $"lab {lab.Id} (labs/{lab.Folder}) is in labs/labs.json but not on the course path: add {{ \"lab\": \"{lab.Id}\" }} where it belongs"));
        }
        if (!notebooksIncluded)
        {
            foreach (var file in notebooks.Where(n => !namedNotebooks.Any(id => LabEntry.SameId(NumberOf(n), id))))
                problems.Add(new SiteProblem(ManifestPath, 0, $"notebooks/{file} is not on the course path: add {{ \"notebook\": \"{NumberOf(file)}\" }} where it belongs"));
        }
        return pages;
    }

    private static string? Include(JsonElement section) => section.TryGetProperty("include", out var include) ? include.GetString() : null;

    private static string? Id(JsonElement entry, string kind)
        => entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(kind, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString()
            : null;

    private static List<string> Named(List<JsonElement> sections, string kind)
        => sections.Where(s => s.TryGetProperty("pages", out _))
            .SelectMany(s => s.GetProperty("pages").EnumerateArray())
            .Select(e => Id(e, kind))
            .OfType<string>()
            .ToList();

    private static SourcePage LabPage(string repoRoot, LabEntry lab)
    {
        var path = $"labs/{lab.Folder}/README.md";
        return new SourcePage
        {
            SourcePath = path, OutputName = $"lab-{Slug(lab.Folder)}.html", Section = "",
            Markdown = File.ReadAllText(Path.Combine(repoRoot, path)) + HintsAppendix.For(repoRoot, lab.Folder)
                + SolutionAppendix.For(Path.Combine(repoRoot, "labs", lab.Folder)),
            Title = NumberedTitle(lab.Folder, lab.Title),
        };
    }

    private static void AddFile(string repoRoot, string path, string? title, Action<SourcePage> add, List<SiteProblem> problems)
    {
        var full = Path.Combine(repoRoot, path);
        if (!File.Exists(full))
        {
            problems.Add(new SiteProblem(ManifestPath, 0, $"page {path} does not exist"));
            return;
        }
        var name = Path.GetFileNameWithoutExtension(path);
        var output = path.StartsWith("site/", StringComparison.Ordinal) ? $"{Slug(name)}.html" : $"{Slug(path[..^3])}.html";
        add(new SourcePage { SourcePath = path, OutputName = output, Section = "", Markdown = File.ReadAllText(full), Title = title });
    }

    /// <summary>The notebooks' file names (<c>01-websockets.ipynb</c>), in name order.</summary>
    private static List<string> NotebookFiles(string repoRoot)
    {
        var dir = Path.Combine(repoRoot, "notebooks");
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.ipynb").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static void AddNotebook(string repoRoot, string file, Action<SourcePage> add, List<SiteProblem> problems)
    {
        var path = "notebooks/" + file;
        try
        {
            var (markdown, origins) = NotebookReader.Read(File.ReadAllText(Path.Combine(repoRoot, path)));
            add(new SourcePage
            {
                SourcePath = path, OutputName = $"notebook-{Slug(Path.GetFileNameWithoutExtension(file))}.html", Section = "",
                Markdown = markdown, Locate = line => line >= 0 && line < origins.Count ? origins[line] : "end",
            });
        }
        catch (JsonException e)
        {
            problems.Add(new SiteProblem(path, (int)(e.LineNumber ?? 0) + 1, $"not a valid notebook: {e.Message}"));
        }
    }

    /// <summary>"01" for "01-websockets.ipynb" (or the whole name without extension when it has no number).</summary>
    private static string NumberOf(string file)
    {
        var number = new string(file.TakeWhile(char.IsAsciiDigit).ToArray());
        return number.Length > 0 ? number : Path.GetFileNameWithoutExtension(file);
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
