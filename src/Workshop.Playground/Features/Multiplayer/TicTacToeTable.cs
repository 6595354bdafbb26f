namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// One game id's board and the places reserved in it. A place is reserved before the upgrade and released by
/// disposing the reservation; the server forgets the table when its last place is released.
/// </summary>
internal sealed class TicTacToeTable(string id)
{
    public string Id { get; } = id;

    public TicTacToeGame Game { get; } = new();

    /// <summary>Places taken (players and spectators); changed only under the server's lock.</summary>
    public int Reserved { get; set; }
}
