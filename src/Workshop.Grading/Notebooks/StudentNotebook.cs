using Workshop.Grading.Submissions;

namespace Workshop.Grading.Notebooks;

/// <summary>
/// The exercise cells of one student's notebook, and nothing else of it: the cells tagged <c>exercise</c> whose
/// first line names an exercise of the instructor's notebook. The file is refused (with the reason) when it is
/// missing, a link, not a regular file, too large or not a notebook; a cell too large is left out with a note.
/// </summary>
public sealed record StudentNotebook(IReadOnlyDictionary<string, string> Cells, string? Refusal, IReadOnlyList<string> Notes)
{
    /// <summary>The largest notebook file taken (outputs included: a notebook that was run carries them).</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The largest exercise cell taken.</summary>
    public const int MaxCellChars = 32 * 1024;

    /// <summary>Reads <c>notebooks/FILE</c> of a student folder, keeping the cells of <paramref name="notebook"/>'s exercises.</summary>
    public static StudentNotebook Read(string studentFolder, NotebookInfo notebook)
    {
        var folder = Path.Combine(studentFolder, "notebooks");
        var path = Path.Combine(folder, notebook.FileName);
        var shown = "notebooks/" + notebook.FileName;
        if (Directory.Exists(folder) && new DirectoryInfo(folder).LinkTarget is not null) return Refused("the notebooks/ folder is a symbolic link");
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return Refused($"{shown} is a symbolic link");
        if (!info.Exists) return Refused($"{shown} is missing from the submission");
        if (!UnixFileKind.IsRegularFile(path)) return Refused($"{shown} is not a regular file");
        if (info.Length > MaxFileBytes) return Refused($"{shown} is larger than {MaxFileBytes / (1024 * 1024)} MB (clear its outputs and submit it again)");
        IReadOnlyList<NotebookCells.Cell> cells;
        try
        {
            cells = NotebookCells.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            return Refused($"{shown} could not be read: {e.Message}");
        }
        var wanted = notebook.Exercises.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var cell in cells.Where(c => c.Kind == "code" && c.Tags.Contains("exercise")))
        {
            if (NotebookCells.ExerciseHeader(cell.Source) is not { } header || !wanted.Contains(header.Id)) continue;
            if (taken.ContainsKey(header.Id))
            {
                notes.Add($"{shown}: a second cell claims exercise {header.Id}; the first one is graded");
                continue;
            }
            if (cell.Source.Length > MaxCellChars)
            {
                notes.Add($"{shown}: the cell of exercise {header.Id} is larger than {MaxCellChars / 1024} KB and was not taken");
                continue;
            }
            taken[header.Id] = cell.Source;
        }
        return new StudentNotebook(taken, null, notes);
    }

    private static StudentNotebook Refused(string reason) => new(new Dictionary<string, string>(), reason, []);
}
