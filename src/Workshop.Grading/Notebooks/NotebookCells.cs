using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// Reads the cells of an <c>.ipynb</c> file (nbformat 4 JSON): kind, tags and source. Malformed input is an
/// <see cref="InvalidDataException"/> with the reason; nothing of a notebook is ever run by reading it.
/// </summary>
internal static partial class NotebookCells
{
    /// <summary>One cell: <c>code</c> or <c>markdown</c>, its metadata tags, its source text.</summary>
    public sealed record Cell(string Kind, IReadOnlyList<string> Tags, string Source);

    public static IReadOnlyList<Cell> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("it has no \"cells\" list (is it a Jupyter notebook?)");
            }
            var result = new List<Cell>();
            foreach (var cell in cells.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Object) continue;
                var kind = cell.TryGetProperty("cell_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "";
                var tags = cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                    : [];
                result.Add(new Cell(kind, tags, Source(cell)));
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"it is not valid notebook JSON ({e.Message})", e);
        }
    }

    private static string Source(JsonElement cell)
    {
        if (!cell.TryGetProperty("source", out var source)) return "";
        return source.ValueKind switch
        {
            JsonValueKind.String => source.GetString()!,
            JsonValueKind.Array => string.Concat(source.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString())),
            _ => "",
        };
    }

    /// <summary>The exercise id and what it asks, from an exercise cell's first line (<c>// Your turn (ID): ...</c>); null when it is not one.</summary>
    public static (string Id, string Title)? ExerciseHeader(string source)
    {
        var match = YourTurn().Match(source.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r'));
        return match.Success ? (match.Groups["id"].Value, match.Groups["title"].Value.Trim()) : null;
    }

    /// <summary>The hints a check cell passes after its assertions: the string literals after the lambda's closing <c>},</c>.</summary>
    public static IReadOnlyList<string> Hints(string checkSource)
    {
        var end = checkSource.LastIndexOf("\n},", StringComparison.Ordinal);
        if (end < 0) return [];
        return StringLiteral().Matches(checkSource[end..]).Select(m => Regex.Unescape(m.Groups["text"].Value)).ToList();
    }

    /// <summary>The namespace usings of a cell (<c>using System.Text;</c>), not <c>using var</c> statements.</summary>
    public static IEnumerable<string> Usings(string source) =>
        source.Split('\n').Select(l => l.Trim()).Where(l => UsingLine().IsMatch(l));

    [GeneratedRegex(@"^// Your turn \((?<id>[a-z0-9]+(-[a-z0-9]+)*)\):(?<title>.*)$")]
    private static partial Regex YourTurn();

    [GeneratedRegex("\"(?<text>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^using\s+(static\s+)?[A-Za-z_][A-Za-z0-9_.]*\s*;$")]
    private static partial Regex UsingLine();
}
