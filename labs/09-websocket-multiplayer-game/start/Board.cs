/// <summary>
/// The rules of tic-tac-toe and nothing else: nine cells, whose turn it is, and who won. It trusts its caller:
/// <see cref="Place"/> does not ask whether the move is allowed, deciding that is the game's job.
/// </summary>
public sealed class Board
{
    private static readonly int[][] Lines =
    [
        [0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6],
    ];

    private readonly char[] _cells = "---------".ToCharArray();

    /// <summary>The nine cells, row by row: 'X', 'O' or '-' (empty), e.g. "X---O----".</summary>
    public string Cells => new(_cells);

    /// <summary>Whose move it is: 'X' moves first.</summary>
    public char Turn { get; private set; } = 'X';

    /// <summary>null while the game goes on; "X", "O" or "draw" once it is decided.</summary>
    public string? Winner { get; private set; }

    public static bool IsOnBoard(int cell) => cell is >= 0 and <= 8;

    public bool IsFree(int cell) => _cells[cell] == '-';

    /// <summary>Puts the mark of <see cref="Turn"/> on <paramref name="cell"/> and passes the turn.</summary>
    public void Place(int cell)
    {
        _cells[cell] = Turn;
        Winner = FindWinner();
        Turn = Turn == 'X' ? 'O' : 'X';
    }

    private string? FindWinner()
    {
        foreach (var line in Lines)
        {
            var first = _cells[line[0]];
            if (first != '-' && first == _cells[line[1]] && first == _cells[line[2]]) return first.ToString();
        }
        return _cells.Contains('-') ? null : "draw";
    }
}
