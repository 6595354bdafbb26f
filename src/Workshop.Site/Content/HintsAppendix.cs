using System.Text;
using System.Text.Json;

namespace Workshop.Site.Content;

/// <summary>
/// The hints section of a lab page, from the task's three levels in <c>labs/labs.json</c>: per task, each level folded
/// in its own <c>&lt;details&gt;</c> (closed), in order, so a reader opens the nudge first and the code last.
/// </summary>
internal static class HintsAppendix
{
    private static readonly string[] Levels = ["nudge", "concept", "code"];
    private static readonly string[] Labels = ["Hint 1: a nudge", "Hint 2: the concept", "Hint 3: the code"];

    public static string For(string repoRoot, string folder)
    {
        var manifest = Path.Combine(repoRoot, "labs", "labs.json");
        if (!File.Exists(manifest)) return "";
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        var root = document.RootElement;
        var labs = root.ValueKind == JsonValueKind.Array ? root : root.TryGetProperty("labs", out var l) ? l : default;
        if (labs.ValueKind != JsonValueKind.Array) return "";
        var lab = labs.EnumerateArray().FirstOrDefault(x => x.TryGetProperty("folder", out var f) && f.GetString() == folder);
        if (lab.ValueKind != JsonValueKind.Object || !lab.TryGetProperty("tasks", out var tasks)) return "";

        var markdown = new StringBuilder("\n\n## Hints\n\n");
        markdown.Append("Stuck? Open one level at a time: a nudge, then the concept, then the code. ")
            .Append("`./workshop hint NN` gives the same hints for the first task you have not passed yet.\n\n");
        var number = 0;
        foreach (var task in tasks.EnumerateArray())
        {
            number++;
            if (!task.TryGetProperty("hints", out var hints) || hints.ValueKind != JsonValueKind.Object) continue;
            var title = task.TryGetProperty("title", out var t) ? t.GetString() : "";
            markdown.Append("**Task ").Append(number).Append(" · ").Append(title).Append("**\n\n");
            for (var level = 0; level < Levels.Length; level++)
            {
                var text = hints.TryGetProperty(Levels[level], out var h) ? h.GetString() ?? "" : "";
                markdown.Append("<details>\n<summary>").Append(Labels[level]).Append("</summary>\n\n");
                if (level < 2) markdown.Append(text).Append("\n\n");
                else markdown.Append(Where(hints)).Append("```").Append(Language(hints)).Append('\n').Append(text).Append("\n```\n\n");
                markdown.Append("</details>\n\n");
            }
        }
        return markdown.ToString();
    }

    private static string Files(JsonElement hints) =>
        hints.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Array
            ? string.Join(", ", files.EnumerateArray().Select(f => f.GetString()))
            : "";

    private static string Where(JsonElement hints) => Files(hints) is { Length: > 0 } files ? $"In `start/` {files}:\n\n" : "";

    private static string Language(JsonElement hints) => Files(hints).EndsWith(".js", StringComparison.Ordinal) ? "javascript" : "csharp";
}
