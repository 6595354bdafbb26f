using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// One game id's board, its two seats and the places reserved in it. A place is reserved before the upgrade and
/// released by disposing the reservation; the server forgets the table when its last place is released and no
/// player who vanished may still come back. Seats and <see cref="Left"/> change only under the game's lock.
/// </summary>
internal sealed class TicTacToeTable(string id, string creator)
{
    public string Id { get; } = id;

    public TicTacToeGame Game { get; } = new();

    /// <summary>X's seat, then O's.</summary>
    public TicTacToeSeat[] Seats { get; } = [new('X'), new('O')];

    /// <summary>The seat whose player left (said goodbye, or did not come back in time): the game is over.</summary>
    public char? Left { get; set; }

    public bool IsOver => Left is not null || Game.Winner is not null;

    /// <summary>The client (see <c>ClientPartition</c>) whose connection opened the game: it counts against that client's cap.</summary>
    public string Creator { get; } = creator;

    /// <summary>
    /// Places held for players (a token holder coming back, or a newcomer while a seat is free), apart from the
    /// spectators' so that watchers can never keep a player out; changed only under the server's lock.
    /// </summary>
    public int PlayerPlaces { get; set; }

    /// <summary>Places held by spectators; changed only under the server's lock.</summary>
    public int SpectatorPlaces { get; set; }

    /// <summary>Places taken (players and spectators).</summary>
    public int Reserved => PlayerPlaces + SpectatorPlaces;

    /// <summary>True while a vanished player's grace period runs (read under the game's lock).</summary>
    public bool AwaitsRejoin => !IsOver && Seats.Any(s => s.IsAway);

    public TicTacToeSeat? SeatOf(WebSocketConnection connection) => Seats.FirstOrDefault(s => s.Connection == connection);

    /// <summary>waiting, playing, away, over or abandoned, and the seat that is away or gone.</summary>
    public (string Status, string? Gone) Status()
    {
        if (Left is { } left) return ("abandoned", left.ToString());
        if (Game.Winner is not null) return ("over", null);
        if (Seats.Any(s => s.Token is null)) return ("waiting", null);
        return Seats.FirstOrDefault(s => s.IsAway) is { } away ? ("away", away.Mark.ToString()) : ("playing", null);
    }
}
