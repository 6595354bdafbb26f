namespace Workshop.Playground.Features.Multiplayer;

/// <summary>The rules of one tic-tac-toe board. Not thread-safe: the server locks the game around every call.</summary>
internal sealed class TicTacToeGame
{
    private static readonly int[][] Lines =
    [
        [0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6],
    ];

    private readonly char[] _cells = "---------".ToCharArray();

    public string Board => new(_cells);

    public char Turn { get; private set; } = 'X';

    /// <summary>null while playing; "X", "O" or "draw" when over.</summary>
    public string? Winner { get; private set; }

    /// <summary>Plays <paramref name="cell"/> for <paramref name="player"/>; the reason it is illegal, or null when played.</summary>
    public string? TryMove(char player, int cell)
    {
        if (player is not ('X' or 'O')) return "spectators cannot move";
        if (Winner is not null) return "the game is over";
        if (player != Turn) return $"it is {Turn}'s turn";
        if (cell is < 0 or > 8) return "cell must be 0..8";
        if (_cells[cell] != '-') return $"cell {cell} is taken";
        _cells[cell] = player;
        Winner = FindWinner();
        Turn = player == 'X' ? 'O' : 'X';
        return null;
    }

    public void Reset()
    {
        Array.Fill(_cells, '-');
        Turn = 'X';
        Winner = null;
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
