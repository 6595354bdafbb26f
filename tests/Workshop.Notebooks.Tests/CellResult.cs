namespace Workshop.Notebooks.Tests;

/// <summary>What one code cell printed or displayed, as plain text, in the order it appeared.</summary>
/// <param name="Index">The cell's index among all cells of the notebook (markdown included), from 0.</param>
/// <param name="FirstLine">The cell's first line: how failures and assertions name the cell.</param>
/// <param name="Output">Everything the cell wrote to stdout/stderr or displayed, joined.</param>
/// <param name="Elapsed">How long the cell ran.</param>
/// <param name="Tags">The cell's metadata tags (<c>exercise</c>, <c>check</c>), empty for most cells.</param>
public sealed record CellResult(int Index, string FirstLine, string Output, TimeSpan Elapsed, IReadOnlyList<string> Tags)
{
    /// <summary>How failure messages name a cell: index and first line.</summary>
    public override string ToString() => $"cell {Index} ({FirstLine})";
}
