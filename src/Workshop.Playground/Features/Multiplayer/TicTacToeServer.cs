using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// Games keyed by id over one <see cref="WebSocketHub"/>: the room is the game id, the member name is the seat
/// (X, O or spectator). Every change is pushed to both players at once: the two-way case SSE cannot serve.
/// Bounded: at most <see cref="TicTacToeOptions.MaxGames"/> games and two players plus
/// <see cref="TicTacToeOptions.MaxSpectatorsPerGame"/> spectators each (places reserved before the upgrade), and
/// messages of at most <see cref="TicTacToeOptions.MaxMessageBytes"/>.
/// </summary>
internal sealed partial class TicTacToeServer(IOptions<TicTacToeOptions> options, ILogger<TicTacToeServer> logger)
{
    private readonly WebSocketHub _hub = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TicTacToeTable> _tables = new(StringComparer.Ordinal);

    /// <summary>Games with at least one place reserved.</summary>
    public int GameCount
    {
        get { lock (_gate) return _tables.Count; }
    }

    /// <summary>
    /// Reserves a place in game <paramref name="gameId"/> before the upgrade: the reservation (dispose it when the
    /// connection ends), or null with <paramref name="refusal"/> <c>too-many-games</c> or <c>game-full</c>.
    /// </summary>
    public TicTacToeReservation? TryReserve(string gameId, out string? refusal)
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
                _tables[gameId] = table = new TicTacToeTable(gameId);
            }
            if (table.Reserved >= 2 + settings.MaxSpectatorsPerGame)
            {
                refusal = "game-full";
                return null;
            }
            table.Reserved++;
            refusal = null;
            return new TicTacToeReservation(table, Release);
        }
    }

    private void Release(TicTacToeTable table)
    {
        lock (_gate)
        {
            if (--table.Reserved == 0) _tables.Remove(table.Id);
        }
    }

    public async Task RunAsync(TicTacToeReservation reservation, WebSocketConnection connection, CancellationToken stopping)
    {
        var (gameId, game) = (reservation.Table.Id, reservation.Table.Game);
        lock (game)
        {
            var seats = _hub.MembersOf(gameId).Select(m => m.Name).ToHashSet();
            var seat = !seats.Contains("X") ? "X" : !seats.Contains("O") ? "O" : "spectator";
            _hub.Join(gameId, connection, seat);
            PushState(gameId, game);
        }
        try
        {
            await connection.RunAsync((message, _) =>
            {
                Handle(gameId, game, connection, message);
                return ValueTask.CompletedTask;
            }, stopping);
        }
        finally
        {
            lock (game)
            {
                _hub.Leave(gameId, connection);
                if (_hub.CountOf(gameId) > 0) PushState(gameId, game);
            }
        }
    }

    private void Handle(string gameId, TicTacToeGame game, WebSocketConnection connection, IncomingMessage message)
    {
        var limit = options.Value.MaxMessageBytes;
        if (message.Data.Length > limit)
        {
            // A move is ~25 bytes: nothing bigger is worth parsing.
            connection.Close(WebSocketCloseStatus.MessageTooBig, $"game messages are at most {limit} bytes");
            return;
        }
        var error = TryParse(message, out var type, out var cell);
        if (error is null)
        {
            lock (game)
            {
                var seat = _hub.MembershipOf(gameId, connection)?.Name ?? "spectator";
                error = type switch
                {
                    "move" => game.TryMove(seat[0], cell),
                    "reset" when seat == "spectator" => "spectators cannot reset",
                    "reset" when game.Winner is null => "the game is not over",
                    "reset" => null,
                    _ => $"unknown type '{type}'; expected move or reset",
                };
                if (error is null && type == "reset") game.Reset();
                if (error is null) PushState(gameId, game);
            }
        }
        if (error is null) return;
        LogRefused(logger, gameId, error);
        connection.TrySend(Encode(w =>
        {
            w.WriteString("type", "error");
            w.WriteString("reason", error);
        }));
    }

    private static string? TryParse(IncomingMessage message, out string type, out int cell)
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

    private void PushState(string gameId, TicTacToeGame game)
    {
        var members = _hub.MembersOf(gameId);
        var players = members.Count(m => m.Name is "X" or "O");
        // One encoding per seat ("you" differs), shared by every member in that seat.
        foreach (var seatGroup in members.GroupBy(m => m.Name))
        {
            var state = Encode(w =>
            {
                w.WriteString("type", "state");
                w.WriteString("board", game.Board);
                w.WriteString("turn", game.Turn.ToString());
                w.WriteString("you", seatGroup.Key);
                if (game.Winner is null) w.WriteNull("winner");
                else w.WriteString("winner", game.Winner);
                w.WriteNumber("players", players);
            });
            foreach (var member in seatGroup) member.Connection.TrySend(state);
        }
    }

    private static OutboundMessage Encode(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return OutboundMessage.Utf8(stream.ToArray());
    }

    [LoggerMessage(1, LogLevel.Information, "Game {GameId}: refused a message: {Reason}")]
    private static partial void LogRefused(ILogger logger, string gameId, string reason);
}
