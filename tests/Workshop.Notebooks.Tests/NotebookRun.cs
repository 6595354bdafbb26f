namespace Workshop.Notebooks.Tests;

/// <summary>The outcome of running one notebook: the code cells' outputs, in order.</summary>
public sealed class NotebookRun(string name, IReadOnlyList<CellResult> cells, TimeSpan elapsed)
{
    /// <summary>The notebook's file name, e.g. <c>01-websockets.ipynb</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Every code cell that ran, in order.</summary>
    public IReadOnlyList<CellResult> Cells { get; } = cells;

    /// <summary>Wall-clock time of the whole notebook, kernel start-up included.</summary>
    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>The one code cell whose first line starts with <paramref name="firstLine"/> (e.g. a <c>// Echo</c> comment).</summary>
    public CellResult Cell(string firstLine)
    {
        var matches = Cells.Where(c => c.FirstLine.StartsWith(firstLine, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1,
            $"{Name}: expected one cell starting with \"{firstLine}\", found {matches.Count}. Cells: {string.Join("; ", Cells)}");
        return matches[0];
    }

    /// <summary>Everything every cell printed, for assertions that do not care which cell.</summary>
    public string AllOutput => string.Join("\n", Cells.Select(c => c.Output));
}
