namespace Workshop.Grading.Notebooks;

/// <summary>
/// One "Your turn" exercise of an instructor's notebook: its id (<c>02-format-event</c>), what it asks (the cell's
/// first line), the check cell's hints, the cell as shipped, and the learner function its probe calls.
/// </summary>
public sealed record NotebookExercise(string Id, string Title, IReadOnlyList<string> Hints, string ShippedCell, string LearnerFunction)
{
    /// <summary>The points of one exercise in the gradebook.</summary>
    public const int Points = 1;

    /// <summary>The C# class name of the exercise's probe (<c>Probe_02_format_event</c>).</summary>
    public string ProbeClass => "Probe_" + Id.Replace('-', '_');

    /// <summary>The C# class name the grader wraps the learner's cell in (<c>Cell_02_format_event</c>).</summary>
    public string CellClass => "Cell_" + Id.Replace('-', '_');
}
