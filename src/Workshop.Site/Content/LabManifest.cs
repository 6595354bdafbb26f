using System.Text.Json;

namespace Workshop.Site.Content;

/// <summary>Reads <c>labs/labs.json</c> (an array, or an object with a <c>labs</c> array) into folders and titles, in course order.</summary>
internal static class LabManifest
{
    private const string ManifestPath = "labs/labs.json";

    /// <summary>The labs in course order; without a manifest, every <c>labs/*/README.md</c> in name order.</summary>
    public static List<LabEntry> Read(string repoRoot, List<SiteProblem> problems)
    {
        var labsDir = Path.Combine(repoRoot, "labs");
        var manifest = Path.Combine(repoRoot, ManifestPath);
        if (!File.Exists(manifest))
        {
            if (!Directory.Exists(labsDir)) return [];
            return Directory.GetDirectories(labsDir)
                .Where(d => File.Exists(Path.Combine(d, "README.md")))
                .Select(d => new LabEntry(NumberOf(Path.GetFileName(d)), Path.GetFileName(d), null))
                .OrderBy(l => l.Folder, StringComparer.Ordinal)
                .ToList();
        }

        var labs = new List<LabEntry>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("labs");
            foreach (var item in items.EnumerateArray())
            {
                var folder = FindFolder(labsDir, item);
                if (folder is null || !File.Exists(Path.Combine(labsDir, folder, "README.md")))
                {
                    problems.Add(new SiteProblem(ManifestPath, 0, $"lab {Text(item, "id") ?? "?"} has no README.md under labs/{folder ?? "?"}"));
                    continue;
                }
                labs.Add(new LabEntry(Text(item, "id") ?? NumberOf(folder), folder, Text(item, "title")));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add(new SiteProblem(ManifestPath, 0, $"cannot read the manifest: {e.Message}"));
        }
        return labs;
    }

    private static string? FindFolder(string labsDir, JsonElement item)
    {
        foreach (var key in new[] { "folder", "path", "dir", "slug" })
        {
            var value = Text(item, key);
            if (value is null) continue;
            value = value.Replace('\\', '/').TrimEnd('/');
            if (value.StartsWith("labs/", StringComparison.Ordinal)) value = value[5..];
            return value;
        }
        // Only an id: the folder is the one named "<id>-..." (ids such as "01" or 1).
        var id = Text(item, "id");
        if (id is null || !Directory.Exists(labsDir)) return null;
        var padded = int.TryParse(id, out var n) ? n.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : id;
        return Directory.GetDirectories(labsDir)
            .Select(Path.GetFileName)
            .FirstOrDefault(name => name == id || name!.StartsWith(padded + "-", StringComparison.Ordinal) || name.StartsWith(id + "-", StringComparison.Ordinal));
    }

    /// <summary>"09" for "09-websocket-multiplayer-game": the id a lab without one in the manifest goes by.</summary>
    private static string NumberOf(string folder)
    {
        var number = new string(folder.TakeWhile(char.IsAsciiDigit).ToArray());
        return number.Length > 0 ? number : folder;
    }

    private static string? Text(JsonElement item, string name)
        => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
            : null;
}
