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
            // TODO 3 solved: why a secret token and not "the free seat": after a reload the seat is free for
            // anyone, and only the player who held it can show the token the server gave it.
            var seat = _seats.FirstOrDefault(s => s.Holds(token));
            // TODO 1 solved: why the server picks: a client that says "I am X" could be anyone; the first two
            // arrivals get the seats, and a seat with a token stays taken while its player is away.
            seat ??= IsOver ? null : _seats.FirstOrDefault(s => s.Token is null);
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
            // TODO 2 solved: why every rule here: the page may be old, buggy or someone's script; what the server
            // refuses never reaches the board, and only the sender hears why.
            var seat = _seats.FirstOrDefault(s => s.Client == client);
            if (seat is null) return "spectators cannot move";
            if (IsOver) return "the game is over";
            if (_seats[1].Token is null) return "wait for a second player";
            if (seat.Mark != _board.Turn) return $"it is {_board.Turn}'s turn";
            if (!Board.IsOnBoard(cell)) return "cell must be 0..8";
            if (!_board.IsFree(cell)) return $"cell {cell} is taken";
            _board.Place(cell);
            // TODO 2 solved: why to everyone: both players and every spectator draw the same board, the server's.
            Broadcast();
            return null;
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
            // TODO 4 solved: why compare the client: after a rejoin the seat has a newer connection, and the old
            // one closing must not end the game of the player who just came back.
            var seat = _seats.FirstOrDefault(s => s.Client == client);
            if (seat is null) return;
            seat.Client = null;
            if (!IsOver && saidGoodbye)
            {
                _left = seat.Mark;
            }
            else if (!IsOver)
            {
                // TODO 4 solved: why a timer through TimeProvider: a reload looks like a vanished player for a
                // moment; a grace period tells them apart, and tests can move TimeProvider's clock.
                seat.Grace = time.CreateTimer(_ => GiveUp(seat), null, options.ReconnectGrace, Timeout.InfiniteTimeSpan);
            }
            Broadcast();
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
