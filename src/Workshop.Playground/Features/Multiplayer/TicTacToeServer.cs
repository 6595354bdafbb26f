using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// Games keyed by id over one <see cref="WebSocketHub"/> (the room is the game id). The first two arrivals get the
/// seats X and O with a secret token each (a reload brings it back, see <see cref="TicTacToeSeat"/>); everyone else
/// watches. A goodbye (close 1000) ends the game at once; a vanished player keeps the seat for
/// <see cref="TicTacToeOptions.ReconnectGrace"/>. Bounded: at most <see cref="TicTacToeOptions.MaxGames"/> games,
/// two players plus <see cref="TicTacToeOptions.MaxSpectatorsPerGame"/> spectators each (places reserved before the
/// upgrade), messages of at most <see cref="TicTacToeOptions.MaxMessageBytes"/>, and a game is forgotten once nobody
/// holds a place and no player may come back. Lock order: the server's lock, then a game's.
/// </summary>
internal sealed partial class TicTacToeServer(IOptions<TicTacToeOptions> options, ILogger<TicTacToeServer> logger, TimeProvider? timeProvider = null)
{
    private readonly WebSocketHub _hub = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TicTacToeTable> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _gamesByClient = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Games with at least one place reserved or a player who may come back.</summary>
    public int GameCount
    {
        get { lock (_gate) return _tables.Count; }
    }

    /// <summary>
    /// Reserves a place in game <paramref name="gameId"/> before the upgrade for <paramref name="client"/> (showing
    /// <paramref name="token"/> if it has one): the reservation (dispose it when the connection ends), or null with
    /// <paramref name="refusal"/> <c>too-many-games</c>, <c>too-many-games-from-client</c> or <c>game-full</c>.
    /// </summary>
    public TicTacToeReservation? TryReserve(string gameId, out string? refusal, string? token = null, string client = "")
    {
        var settings = options.Value;
        lock (_gate)
        {
            if (!_tables.TryGetValue(gameId, out var table))
            {
                if (_tables.Count >= settings.MaxGames)
                {
                    refusal = "too-many-games";
                    return null;
                }
                // Games in grace count too: a client churning connections that vanish keeps its games open.
                if (_gamesByClient.GetValueOrDefault(client) >= settings.MaxGamesPerClient)
                {
                    refusal = "too-many-games-from-client";
                    return null;
                }
                _tables[gameId] = table = new TicTacToeTable(gameId, client);
                _gamesByClient[client] = _gamesByClient.GetValueOrDefault(client) + 1;
            }
            bool forPlayer;
            lock (table.Game)
            {
                // Players have places of their own, so spectators can never keep one out: a token holder gets one
                // (two per seat, for a reload whose old connection has not ended yet), a newcomer only while a seat is free.
                forPlayer = table.Seats.Any(s => s.Holds(token))
                    ? table.PlayerPlaces < 2 * table.Seats.Length
                    : !table.IsOver && table.Seats.Any(s => s.Token is null) && table.PlayerPlaces < table.Seats.Length;
            }
            if (!forPlayer && table.SpectatorPlaces >= settings.MaxSpectatorsPerGame)
            {
                refusal = "game-full";
                ForgetIfIdle(table);
                return null;
            }
            if (forPlayer) table.PlayerPlaces++;
            else table.SpectatorPlaces++;
            refusal = null;
            return new TicTacToeReservation(table, forPlayer, Release);
        }
    }

    private void Release(TicTacToeReservation reservation)
    {
        lock (_gate)
        {
            var table = reservation.Table;
            if (reservation.ForPlayer) table.PlayerPlaces--;
            else table.SpectatorPlaces--;
            ForgetIfIdle(table);
        }
    }

    private void WatchInstead(TicTacToeReservation reservation)
    {
        lock (_gate) Demote(reservation);
    }

    /// <summary>
    /// A player's place whose connection holds no seat (another newcomer took it first, a second tab of its player
    /// took it over, or it was freed for the next game) becomes a spectator's. Under the server's lock.
    /// </summary>
    private static void Demote(TicTacToeReservation reservation)
    {
        if (!reservation.ForPlayer || reservation.IsReleased) return;
        reservation.ForPlayer = false;
        reservation.Table.PlayerPlaces--;
        // Possibly one over the spectators' cap, for as long as this connection lasts: bounded by the seats.
        reservation.Table.SpectatorPlaces++;
    }

    private void ForgetIfIdle(TicTacToeTable table)
    {
        bool awaits;
        lock (table.Game) awaits = table.AwaitsRejoin;
        if (table.Reserved != 0 || awaits || _tables.GetValueOrDefault(table.Id) != table) return;
        _tables.Remove(table.Id);
        if (_gamesByClient[table.Creator] is 1) _gamesByClient.Remove(table.Creator);
        else _gamesByClient[table.Creator]--;
    }

    /// <summary>Seats the connection (by <paramref name="token"/> when it holds one) and plays until it ends.</summary>
    public async Task RunAsync(TicTacToeReservation reservation, WebSocketConnection connection, string? token, CancellationToken stopping)
    {
        var table = reservation.Table;
        // The server's lock too (it comes first): the places are recounted before the welcome, so the next
        // arrival after it is counted against them.
        lock (_gate)
        lock (table.Game)
        {
            // The token first: a player coming back gets its own seat, even while a stranger waits for a free one.
            var seat = table.Seats.FirstOrDefault(s => s.Holds(token)) ?? (table.IsOver ? null : table.Seats.FirstOrDefault(s => s.Token is null));
            // A second tab of the player takes the seat from the first, which watches from then on.
            if (seat?.Connection is { } previous && previous != connection && seat.Reservation is { } displaced) Demote(displaced);
            var secret = seat?.Take(connection);
            if (seat is not null) seat.Reservation = reservation;
            _hub.Join(table.Id, connection, "member");
            connection.TrySend(TicTacToeMessages.Welcome(seat?.Mark.ToString() ?? "spectator", secret));
            PushState(table);
            if (seat is null) Demote(reservation);
        }
        try
        {
            await connection.RunAsync((message, _) =>
            {
                Handle(table, connection, message);
                return ValueTask.CompletedTask;
            }, stopping);
        }
        finally
        {
            lock (table.Game)
            {
                _hub.Leave(table.Id, connection);
                // After a rejoin the seat has a newer connection: the old one ending changes nothing.
                if (table.SeatOf(connection) is { } seat)
                {
                    seat.Connection = null;
                    var goodbye = connection.PeerCloseStatus == WebSocketCloseStatus.NormalClosure;
                    // After the end of a game a goodbye frees the seat for the next one; a vanished player gets its grace
                    // either way, so a seat is never away with nothing to give it up.
                    if (goodbye && table.IsOver) seat.Clear();
                    else if (goodbye) table.Left = seat.Mark;
                    else seat.Grace = _time.CreateTimer(_ => GiveUp(table, seat), null, options.Value.ReconnectGrace, Timeout.InfiniteTimeSpan);
                }
                if (_hub.CountOf(table.Id) > 0) PushState(table);
            }
        }
    }

    private void GiveUp(TicTacToeTable table, TicTacToeSeat seat)
    {
        lock (table.Game)
        {
            if (!seat.IsAway) return;
            // Over already (won, drawn or abandoned): the seat is only freed for the next game; else the game ends.
            if (table.IsOver) seat.Clear();
            else table.Left = seat.Mark;
            PushState(table);
        }
        lock (_gate) ForgetIfIdle(table);
    }

    private void Handle(TicTacToeTable table, WebSocketConnection connection, IncomingMessage message)
    {
        var limit = options.Value.MaxMessageBytes;
        if (message.Data.Length > limit)
        {
            // A move is ~25 bytes: nothing bigger is worth parsing.
            connection.Close(WebSocketCloseStatus.MessageTooBig, $"game messages are at most {limit} bytes");
            return;
        }
        var error = TryParse(message, out var type, out var cell);
        TicTacToeReservation? freed = null;
        if (error is null)
        {
            lock (table.Game)
            {
                var seat = table.SeatOf(connection);
                error = (type, seat) switch
                {
                    ("move", null) => "spectators cannot move",
                    ("move", _) when table.Left is not null => "the game is over",
                    ("move", _) when table.Seats.Any(s => s.Token is null) => "wait for a second player",
                    ("move", _) => table.Game.TryMove(seat!.Mark, cell),
                    ("reset", null) => "spectators cannot reset",
                    ("reset", _) when !table.IsOver => "the game is not over",
                    ("reset", _) => null,
                    _ => $"unknown type '{type}'; expected move or reset",
                };
                if (error is null && type == "reset") freed = Reset(table);
                if (error is null) PushState(table);
            }
        }
        if (freed is not null) WatchInstead(freed); // after the game's lock: the server's lock comes first
        if (error is null) return;
        LogRefused(logger, table.Id, error);
        connection.TrySend(TicTacToeMessages.Error(error));
    }

    /// <summary>
    /// A new game on the same table: the seat of a player who left is free for the next arrival. Returns the place of
    /// a connection that held it still (the player came back after the game was abandoned): it watches from then on.
    /// </summary>
    private static TicTacToeReservation? Reset(TicTacToeTable table)
    {
        TicTacToeReservation? freed = null;
        if (table.Left is { } left && table.Seats.First(s => s.Mark == left) is var seat)
        {
            if (seat.Connection is not null) freed = seat.Reservation;
            seat.Clear();
        }
        table.Left = null;
        table.Game.Reset();
        return freed;
    }

    /// <summary>Reads a move or reset; the reason the message is not one, or null.</summary>
    internal static string? TryParse(IncomingMessage message, out string type, out int cell)
    {
        type = string.Empty;
        cell = -1;
        if (message.Text is null) return "messages are JSON text";
        try
        {
            using var document = JsonDocument.Parse(message.Text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String)
                return "expected a JSON object with a string 'type'";
            type = t.GetString()!;
            if (type == "move" && (!root.TryGetProperty("cell", out var c) || !c.TryGetInt32(out cell)))
                return "a move needs an integer 'cell' (0..8)";
            return null;
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }

    private void PushState(TicTacToeTable table)
    {
        var members = _hub.MembersOf(table.Id);
        var players = table.Seats.Count(s => s.Connection is not null);
        // One encoding per seat ("you" differs), shared by every member in that seat.
        foreach (var group in members.GroupBy(m => table.SeatOf(m.Connection)?.Mark.ToString() ?? "spectator"))
        {
            var state = TicTacToeMessages.State(table, group.Key, players);
            foreach (var member in group) member.Connection.TrySend(state);
        }
    }

    // Debug: every refused message would be one line, so at Information a single client could flood the log.
    [LoggerMessage(1, LogLevel.Debug, "Game {GameId}: refused a message: {Reason}")]
    private static partial void LogRefused(ILogger logger, string gameId, string reason);
}
