using System.Security.Cryptography;
using System.Text;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// X's or O's place in one game: the secret token its player got in the welcome (a reload shows it to come back),
/// the connection holding the seat now (null while the player is away) and the grace timer running meanwhile.
/// Changed only under the game's lock.
/// </summary>
internal sealed class TicTacToeSeat(char mark)
{
    public char Mark { get; } = mark;

    public string? Token { get; private set; }

    public WebSocketConnection? Connection { get; set; }

    public ITimer? Grace { get; set; }

    /// <summary>The place of the connection holding the seat: it becomes a spectator's when the seat goes to another connection.</summary>
    public TicTacToeReservation? Reservation { get; set; }

    /// <summary>Taken by a player who is not connected now (reloading, or gone for good once the grace ends).</summary>
    public bool IsAway => Token is not null && Connection is null;

    public bool Holds(string? token) => Token is not null && token is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(token));

    /// <summary>Gives the seat to <paramref name="connection"/> (a new player, or its player back), ending any grace period.</summary>
    public string Take(WebSocketConnection connection)
    {
        Token ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Connection = connection;
        Grace?.Dispose();
        Grace = null;
        return Token;
    }

    /// <summary>Frees the seat for a newcomer (after the player left and the board was reset).</summary>
    public void Clear()
    {
        Grace?.Dispose();
        Grace = null;
        Token = null;
        Connection = null;
        Reservation = null;
    }
}
