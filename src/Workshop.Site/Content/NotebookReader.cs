using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workshop.Site.Content;

/// <summary>
/// Turns a Jupyter/Polyglot notebook into Markdown: markdown cells as they are, code cells as fenced blocks, and the
/// outputs the notebook stored when it was last executed as <c>output</c> blocks (never retyped by hand).
/// </summary>
internal static partial class NotebookReader
{
    /// <summary>The Markdown and, for each of its lines, the cell and line it came from.</summary>
    public static (string Markdown, List<string> Origins) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var defaultLanguage = DefaultLanguage(root);
        var markdown = new StringBuilder();
        var origins = new List<string>();
        var cellNumber = 0;
        foreach (var cell in root.TryGetProperty("cells", out var cells) ? cells.EnumerateArray() : default)
        {
            cellNumber++;
            var type = cell.TryGetProperty("cell_type", out var t) ? t.GetString() : "code";
            var source = JoinText(cell, "source").TrimEnd();
            if (type == "markdown")
            {
                Append(markdown, origins, source, cellNumber);
            }
            else if (type == "code" && source.Length > 0)
            {
                var language = CellLanguage(cell) ?? defaultLanguage;
                Append(markdown, origins, Fence(source, language), cellNumber, offset: -1);
                foreach (var output in cell.TryGetProperty("outputs", out var outputs) ? outputs.EnumerateArray() : default)
                {
                    var text = OutputText(output);
                    if (text.Length > 0) Append(markdown, origins, Fence(text, "output"), cellNumber, offset: -1, note: "output");
                }
            }
        }
        return (markdown.ToString(), origins);
    }

    private static void Append(StringBuilder markdown, List<string> origins, string text, int cell, int offset = 0, string? note = null)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            markdown.Append(lines[i].TrimEnd('\r')).Append('\n');
            origins.Add(note is null ? $"cell {cell}, line {Math.Max(1, i + 1 + offset)}" : $"cell {cell} ({note})");
        }
        markdown.Append('\n');
        origins.Add($"cell {cell}");
    }

    /// <summary>A fence longer than any backtick run inside, so code holding ``` stays one block.</summary>
    private static string Fence(string body, string info)
    {
        var longest = 0;
        foreach (Match m in Backticks().Matches(body)) longest = Math.Max(longest, m.Length);
        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{info}\n{body}\n{fence}";
    }

    private static string OutputText(JsonElement output)
    {
        var kind = output.TryGetProperty("output_type", out var k) ? k.GetString() : null;
        string text;
        if (kind == "stream") text = JoinText(output, "text");
        else if (kind == "error")
            text = $"{Str(output, "ename")}: {Str(output, "evalue")}";
        else if (output.TryGetProperty("data", out var data))
        {
            // Plain text first: HTML outputs of the kernel may carry scripts that load from a CDN.
            text = data.TryGetProperty("text/plain", out _) ? JoinText(data, "text/plain")
                : data.TryGetProperty("text/markdown", out _) ? JoinText(data, "text/markdown")
                : data.TryGetProperty("text/html", out _) ? Tags().Replace(Scripts().Replace(JoinText(data, "text/html"), ""), "")
                : "";
        }
        else text = "";
        return Ansi().Replace(text, "").TrimEnd();
    }

    private static string DefaultLanguage(JsonElement root)
    {
        if (root.TryGetProperty("metadata", out var meta))
        {
            if (meta.TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("defaultKernelName", out var d)) return Normalize(d.GetString());
            if (meta.TryGetProperty("kernelspec", out var ks) && ks.TryGetProperty("language", out var l)) return Normalize(l.GetString());
        }
        return "csharp";
    }

    private static string? CellLanguage(JsonElement cell)
    {
        if (!cell.TryGetProperty("metadata", out var meta)) return null;
        if (meta.TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("kernelName", out var k)) return Normalize(k.GetString());
        if (meta.TryGetProperty("dotnet_interactive", out var di) && di.TryGetProperty("language", out var l)) return Normalize(l.GetString());
        return null;
    }

    private static string Normalize(string? language) => language?.ToLowerInvariant() switch
    {
        null or "" or "c#" or "csharp" => "csharp",
        "pwsh" => "powershell",
        var other => other,
    };

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    private static string JoinText(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return "";
        if (v.ValueKind == JsonValueKind.String) return (v.GetString() ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (v.ValueKind != JsonValueKind.Array) return "";
        var sb = new StringBuilder();
        foreach (var part in v.EnumerateArray()) sb.Append(part.GetString());
        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex("`+")]
    private static partial Regex Backticks();

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"<script[\s\S]*?</script>|<style[\s\S]*?</style>", RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
