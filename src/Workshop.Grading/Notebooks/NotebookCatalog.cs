using System.Globalization;
using System.Text.RegularExpressions;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// The instructor's notebooks and what grading their exercises needs, all read from the instructor's repository
/// (never from a submission): every <c>notebooks/NN-*.ipynb</c> with its cells tagged <c>exercise</c>, the check
/// cell after each (for its hints), the probe of each exercise (<c>notebooks/grading/ID.cs</c>), the probe kit
/// (<c>notebooks/grading/kit/</c>) and the worked answers (<c>notebooks/answers/ID.cs</c>).
/// </summary>
public sealed partial class NotebookCatalog
{
    // The C# kernel's own usings: a cell sees these without a using of its own.
    private static readonly string[] KernelUsings = ["using System;", "using System.Collections.Generic;", "using System.Linq;", "using System.Text;", "using System.Threading.Tasks;"];

    private NotebookCatalog(string notebooksDirectory, IReadOnlyList<NotebookInfo> notebooks)
    {
        NotebooksDirectory = notebooksDirectory;
        Notebooks = notebooks;
    }

    /// <summary>The instructor's <c>notebooks/</c> folder.</summary>
    public string NotebooksDirectory { get; }

    /// <summary>The notebooks that have exercises, in file order.</summary>
    public IReadOnlyList<NotebookInfo> Notebooks { get; }

    /// <summary>Where the probes live (<c>notebooks/grading</c>).</summary>
    public string ProbesDirectory => Path.Combine(NotebooksDirectory, "grading");

    /// <summary>The probe of an exercise.</summary>
    public string ProbeFile(string exerciseId) => Path.Combine(ProbesDirectory, exerciseId + ".cs");

    /// <summary>The worked answer of an exercise (the trusted side of every comparison).</summary>
    public string AnswerFile(string exerciseId) => Path.Combine(NotebooksDirectory, "answers", exerciseId + ".cs");

    /// <summary>The gradebook id of a notebook file (<c>02-server-sent-events.ipynb</c> → <c>nb02</c>); null for a file without a number.</summary>
    public static string? IdFor(string fileName) =>
        NumberPrefix().Match(fileName) is { Success: true } m ? "nb" + m.Groups[1].Value : null;

    /// <summary>A notebook by its gradebook id (<c>nb02</c>, <c>NB2</c>), or null.</summary>
    public NotebookInfo? Find(string id)
    {
        var match = NotebookId().Match(id.Trim());
        if (!match.Success) return null;
        var number = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).ToString("00", CultureInfo.InvariantCulture);
        return Notebooks.FirstOrDefault(n => n.Id == "nb" + number);
    }

    /// <summary>
    /// Reads the notebooks of the repository at <paramref name="notebooksDirectory"/>. An exercise without a probe,
    /// or a probe without the line naming the learner's function, is an error naming the file: grading must never
    /// skip an exercise silently.
    /// </summary>
    public static NotebookCatalog Load(string notebooksDirectory)
    {
        var notebooks = new List<NotebookInfo>();
        foreach (var file in Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (IdFor(name) is not { } id) continue;
            IReadOnlyList<NotebookCells.Cell> cells;
            try
            {
                cells = NotebookCells.Parse(File.ReadAllText(file));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{file}: {e.Message}", e);
            }
            var exercises = new List<NotebookExercise>();
            for (var i = 0; i < cells.Count; i++)
            {
                if (!cells[i].Tags.Contains("exercise")) continue;
                var header = NotebookCells.ExerciseHeader(cells[i].Source) ?? throw new InvalidDataException($"{file}: cell {i} is tagged exercise but does not start with \"// Your turn (ID): ...\"");
                var check = i + 1 < cells.Count && cells[i + 1].Tags.Contains("check") ? cells[i + 1].Source : throw new InvalidDataException($"{file}: exercise {header.Id} is not followed by a cell tagged check");
                exercises.Add(new NotebookExercise(header.Id, header.Title, NotebookCells.Hints(check), cells[i].Source, LearnerFunction(Path.Combine(notebooksDirectory, "grading", header.Id + ".cs"))));
            }
            if (exercises.Count == 0) continue;
            var usings = KernelUsings.Concat(cells.Where(c => c.Kind == "code" && !c.Tags.Contains("exercise") && !c.Tags.Contains("check")).SelectMany(c => NotebookCells.Usings(c.Source)))
                .Distinct(StringComparer.Ordinal).ToList();
            notebooks.Add(new NotebookInfo(id, name, Title(id, cells), usings, exercises));
        }
        return new NotebookCatalog(notebooksDirectory, notebooks);
    }

    // "// Probe 02-format-event, learner function: FormatEvent": the function the generated code hands to the probe.
    private static string LearnerFunction(string probe)
    {
        if (!File.Exists(probe)) throw new InvalidDataException($"exercise {Path.GetFileNameWithoutExtension(probe)} has no probe: write {probe} (see docs/notebooks.md)");
        var match = ProbeHeader().Match(File.ReadLines(probe).FirstOrDefault() ?? "");
        if (!match.Success) throw new InvalidDataException($"{probe}: the first line must be \"// Probe ID, learner function: Name\"");
        return match.Groups["fn"].Value;
    }

    private static string Title(string id, IReadOnlyList<NotebookCells.Cell> cells)
    {
        var heading = cells.Where(c => c.Kind == "markdown").Select(c => c.Source.Split('\n')[0].Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return $"Notebook {id[2..]}" + (heading is null ? "" : " · " + LeadingNumber().Replace(heading[2..].Trim(), ""));
    }

    [GeneratedRegex("^([0-9]{2})-[^/]*\\.ipynb$")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex("^[0-9]+ · ")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex("^(?i:nb)([0-9]{1,2})$")]
    private static partial Regex NotebookId();

    [GeneratedRegex(@"^// Probe [a-z0-9-]+, learner function: (?<fn>[A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex ProbeHeader();
}
