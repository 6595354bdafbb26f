using System.Security.Cryptography;
using System.Text;

/// <summary>
/// One game: the board, the two seats (X and O) and the spectators. The server owns the state: clients send what
/// they want to do, the game decides and tells everyone. Every method takes the lock, because every client's
/// receive loop and the grace timer call in at the same time.
/// </summary>
public sealed class Game(string id, GameOptions options, TimeProvider time, Action<Game> gaveUp)
{
    private readonly Lock _gate = new();
    private readonly Board _board = new();
    private readonly Seat[] _seats = [new('X'), new('O')];
    private readonly HashSet<GameClient> _spectators = [];
    private char? _left;

    public string Id { get; } = id;

    /// <summary>Connections in the game, counted by the lobby under its own lock.</summary>
    public int Connections { get; set; }

    /// <summary>True while a vanished player may still come back: the lobby must not forget the game yet.</summary>
    public bool AwaitsRejoin
    {
        get { lock (_gate) return !IsOver && _seats.Any(s => s.IsAway); }
    }

    private bool IsOver => _left is not null || _board.Winner is not null;

    /// <summary>Seats <paramref name="client"/> and tells everyone; returns "X", "O" or "spectator".</summary>
    public string Join(GameClient client, string? token)
    {
        lock (_gate)
        {
            // TODO 3 (rejoin): a player who reloads comes back with the token its welcome gave it. Look for the seat
            //        that holds this token (Seat.Holds) before anything else, so the player gets its own seat back.
            Seat? seat = null;
            // TODO 1 (join): the server picks the seats: the first two arrivals get X and O (a seat is free while
            //        its Token is null), everyone after them watches. No seat for anyone once the game IsOver.
            //        Today everyone is a spectator.
            if (seat is null)
            {
                _spectators.Add(client);
                client.Enqueue(GameMessages.Welcome("spectator", null));
            }
            else
            {
                seat.Token ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                // A reload may come back before the old socket is gone: the newest connection holds the seat.
                seat.Client = client;
                seat.Grace?.Dispose();
                seat.Grace = null;
                client.Enqueue(GameMessages.Welcome(seat.Mark.ToString(), seat.Token));
            }
            Broadcast();
            return seat?.Mark.ToString() ?? "spectator";
        }
    }

    /// <summary>Plays <paramref name="cell"/> for <paramref name="client"/>: null when played, else why not.</summary>
    public string? Move(GameClient client, int cell)
    {
        lock (_gate)
        {
            // TODO 2 (moves): the server owns the board, so it checks every rule before it changes anything:
            //        the client holds a seat (spectators cannot move), the game is not over, both players are
            //        here, it is this seat's turn, the cell is on the board and free. Each refusal returns its
            //        reason (only the sender hears it); a legal move is placed with _board.Place(cell), then
            //        everyone gets the new state (Broadcast), and null says it was played.
            return "moves are not handled yet";
        }
    }

    /// <summary>
    /// <paramref name="client"/>'s connection ended: <paramref name="saidGoodbye"/> when it sent a close frame
    /// with 1000 (the Leave button), false when it vanished or went away (a reload sends 1001).
    /// </summary>
    public void Leave(GameClient client, bool saidGoodbye)
    {
        lock (_gate)
        {
            if (_spectators.Remove(client)) return;
            // TODO 4 (leave): find the seat this client holds (none: a rejoin replaced it, nothing to do) and free
            //        it (Client = null). Unless the game IsOver already: a goodbye (saidGoodbye) ends the game now
            //        (_left = the seat's Mark); a vanished player gets a grace period instead: a timer from
            //        time.CreateTimer that calls GiveUp(seat) after options.ReconnectGrace, kept in seat.Grace.
            //        Then tell everyone (Broadcast).
        }
    }

    private void GiveUp(Seat seat)
    {
        lock (_gate)
        {
            if (!seat.IsAway || IsOver) return;
            _left = seat.Mark;
            Broadcast();
        }
        // Outside the lock: the lobby takes its own lock, then ours (always in that order).
        gaveUp(this);
    }

    private void Broadcast()
    {
        var away = _seats.FirstOrDefault(s => s.IsAway);
        var (status, gone) = _left is { } left ? ("abandoned", left.ToString())
            : _board.Winner is not null ? ("over", null)
            : _seats[1].Token is null ? ("waiting", null)
            : away is not null ? ("away", away.Mark.ToString())
            : ("playing", (string?)null);
        var state = GameMessages.State(_board, status, gone);
        foreach (var seat in _seats) seat.Client?.Enqueue(state);
        foreach (var spectator in _spectators) spectator.Enqueue(state);
    }

    private sealed class Seat(char mark)
    {
        public char Mark { get; } = mark;

        public string? Token { get; set; }

        public GameClient? Client { get; set; }

        public ITimer? Grace { get; set; }

        public bool IsAway => Token is not null && Client is null;

        public bool Holds(string? token) => Token is not null && token is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(token));
    }
}
