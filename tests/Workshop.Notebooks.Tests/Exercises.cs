using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace Workshop.Notebooks.Tests;

/// <summary>
/// The notebooks' "Your turn" cells: a cell tagged <c>exercise</c> whose first line is
/// <c>// Your turn (ID): ...</c>, followed by a cell tagged <c>check</c> whose first line is <c>// Check ID</c>.
/// The worked answer of exercise ID is the whole cell, in <c>notebooks/answers/ID.cs</c>.
/// </summary>
public static partial class Exercises
{
    /// <summary>The tag of a cell the learner completes.</summary>
    public const string ExerciseTag = "exercise";

    /// <summary>The tag of the cell that checks the exercise above it.</summary>
    public const string CheckTag = "check";

    /// <summary>The metadata tags of a cell (Jupyter's <c>metadata.tags</c>).</summary>
    public static IReadOnlyList<string> Tags(InteractiveDocumentElement element)
    {
        if (element.Metadata is null || !element.Metadata.TryGetValue("tags", out var tags)) return [];
        return tags switch
        {
            IEnumerable<object> items => [.. items.Select(i => i?.ToString() ?? "")],
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } json => [.. json.EnumerateArray().Select(i => i.GetString() ?? "")],
            _ => [],
        };
    }

    /// <summary>The id in an exercise cell's first line, or null when the line is not <c>// Your turn (ID): ...</c>.</summary>
    public static string? ExerciseId(string firstLine) => ExerciseLine().Match(firstLine) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The id in a check cell's first line, or null when the line is not <c>// Check ID</c>.</summary>
    public static string? CheckId(string firstLine) => CheckLine().Match(firstLine) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Replaces every exercise cell of <paramref name="document"/> with its worked answer.</summary>
    public static void SubstituteAnswers(InteractiveDocument document, string answersFolder)
    {
        foreach (var element in document.Elements.Where(e => Tags(e).Contains(ExerciseTag)))
        {
            var id = ExerciseId(FirstLine(element.Contents))
                ?? throw new InvalidOperationException($"An exercise cell must start with '// Your turn (ID): ...', not '{FirstLine(element.Contents)}'.");
            var answer = Path.Combine(answersFolder, id + ".cs");
            Assert.True(File.Exists(answer), $"Exercise {id} has no worked answer at {answer}.");
            element.Contents = File.ReadAllText(answer).ReplaceLineEndings("\n");
        }
    }

    /// <summary>The first non-blank line, trimmed.</summary>
    public static string FirstLine(string contents)
        => contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    /// <summary>What every check of a notebook run as shipped must print; called by each notebook's execution test.</summary>
    public static void AssertEveryCheckSaysNotDoneYet(NotebookRun run)
    {
        var checks = run.Cells.Where(c => c.Tags.Contains(CheckTag)).ToList();
        Assert.True(checks.Count >= 2, $"{run.Name}: expected at least two check cells, ran {checks.Count}.");
        foreach (var check in checks)
        {
            Assert.True(check.Output.Contains($"[not done yet] {CheckId(check.FirstLine)}", StringComparison.Ordinal),
                $"{run.Name}: {check} should say 'not done yet' as shipped, but printed:\n{check.Output}");
            Assert.Contains("Hint: ", check.Output, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^// Your turn \(([a-z0-9-]+)\):")]
    private static partial Regex ExerciseLine();

    [GeneratedRegex(@"^// Check ([a-z0-9-]+)$")]
    private static partial Regex CheckLine();
}
