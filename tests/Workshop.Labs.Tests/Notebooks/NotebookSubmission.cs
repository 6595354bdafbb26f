using System.Text.Json.Nodes;
using Workshop.Testing;

namespace Workshop.Labs.Tests.Notebooks;

/// <summary>
/// Makes a student folder with the repository's notebooks in which exercise cells are replaced (by id), extra cells
/// are appended, or a notebook file is replaced outright: what a student's repository holds after working in them.
/// </summary>
public sealed class NotebookSubmission(string studentFolder)
{
    public static string NotebooksDirectory => Path.Combine(RepoPaths.Root, "notebooks");

    public static IEnumerable<string> ExerciseIds() =>
        Directory.GetFiles(Path.Combine(NotebooksDirectory, "answers"), "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static string Answer(string id) => File.ReadAllText(Path.Combine(NotebooksDirectory, "answers", id + ".cs"));

    public static string WrongAnswer(string id) => File.ReadAllText(Path.Combine(NotebooksDirectory, "answers", "wrong", id + ".cs"));

    /// <summary>Copies every notebook as shipped, with each exercise cell <paramref name="cell"/> gives text for replaced, and <paramref name="extraCells"/> appended to each.</summary>
    public NotebookSubmission Write(Func<string, string?> cell, IReadOnlyList<JsonObject>? extraCells = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(studentFolder, "notebooks")).FullName;
        foreach (var file in Directory.GetFiles(NotebooksDirectory, "*.ipynb"))
        {
            var notebook = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var cells = notebook["cells"]!.AsArray();
            foreach (var node in cells)
            {
                var tags = node!["metadata"]?["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
                if (!tags.Contains("exercise")) continue;
                var source = string.Concat(node["source"]!.AsArray().Select(s => s!.GetValue<string>()));
                var id = source[(source.IndexOf('(') + 1)..source.IndexOf(')')];
                if (cell(id) is { } replacement) node["source"] = Source(replacement);
            }
            foreach (var extra in extraCells ?? []) cells.Add(extra.DeepClone());
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), notebook.ToJsonString());
        }
        return this;
    }

    /// <summary>Replaces one notebook file with <paramref name="content"/>.</summary>
    public NotebookSubmission Replace(string fileName, string content)
    {
        File.WriteAllText(Path.Combine(studentFolder, "notebooks", fileName), content);
        return this;
    }

    public static JsonObject CodeCell(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()) },
        ["outputs"] = new JsonArray(),
        ["source"] = Source(source),
    };

    private static JsonArray Source(string text) => new(Lines(text));

    private static JsonNode[] Lines(string text)
    {
        var parts = text.Split('\n');
        return parts.Select((line, i) => (JsonNode)JsonValue.Create(i < parts.Length - 1 ? line + "\n" : line)!).Where(n => n.GetValue<string>().Length > 0).ToArray();
    }
}
