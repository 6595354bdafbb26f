using System.Net;
using System.Net.WebSockets;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 09: tic-tac-toe on <c>/ws/game?game=ID[&amp;token=T]</c>, the server owning the board. Server messages:
/// <c>{"type":"welcome","seat":"X"|"O"|"spectator","token":…}</c>, <c>{"type":"state","board":"X---O----","turn",
/// "status":"waiting"|"playing"|"away"|"over"|"abandoned","winner","gone"}</c>, <c>{"type":"error","reason"}</c>;
/// clients send <c>{"type":"move","cell":0..8}</c>. The page is checked in <c>MultiplayerGameChecks.Page.cs</c>.
/// </summary>
public sealed partial class MultiplayerGameChecks : ILabCheckSet
{
    /// <inheritdoc />
    public string LabId => "09";

    /// <inheritdoc />
    public IReadOnlyList<LabCheck> Checks { get; } =
    [
        new("join", "seats X, then O, then a spectator", "three connections to a new game are welcomed as X and O (each with its own token) and spectator (no token); the spectator gets the empty board, status playing", SeatsArrivals),
        new("join", "refuses a bad game id", "an upgrade to /ws/game?game=a%20b is refused with 400 before it is accepted", RefusesBadGameId),
        new("join", "refuses an oversized message", "a 4,000-byte message makes the server close with 1009 (message too big)", RefusesOversized),
        new("join", "bounds the number of games", "opening one new game after another is refused with 503 at the server's maximum, while joining a game already open is still welcomed; and a game that ended frees its place", BoundsGames) { Timeout = TimeSpan.FromSeconds(25) },
        new("moves", "a move reaches both players and the spectator", "X plays cell 4: X, O and the spectator each get a state with board \"----X----\" and turn O", MoveReachesEveryone),
        new("moves", "a move before O joins is refused", "X alone plays 4 and gets an error; O then joins to an empty board, and X's move to 4 reaches O as \"----X----\"", WaitsForSecondPlayer),
        new("moves", "an out-of-turn move is refused", "O playing first gets an error; the board stays empty, and X's move then gives \"----X----\"", RefusesOutOfTurn),
        new("moves", "a taken or missing cell is refused", "after X plays 4, O's moves to 4 and to 9 get errors; O's move to 0 then gives \"O---X----\"", RefusesBadCells),
        new("moves", "a spectator cannot move", "the spectator's move to 0 gets an error; X's move to 4 then gives the spectator \"----X----\"", SpectatorCannotMove),
        new("moves", "a won game takes no more moves", "X plays 0, 1, 2 against O's 3, 4: status over, winner X; O's next move gets an error", WinEndsGame),
        new("rejoin", "a player who comes back gets its seat and board", "X plays 4 and vanishes; a connection with X's token is welcomed as X with the same token and the board \"----X----\"; O's move to 0 then reaches it", RejoinRestoresSeat),
        new("rejoin", "a stranger cannot take a vanished player's seat", "after X vanishes, a connection without a token and one with a forged token are both welcomed as spectator", StrangerGetsNoSeat),
        new("rejoin", "the newest connection holds the seat", "while X's first connection is still open, a second with X's token is welcomed as X; the first one's move gets an error, its close (1000) does not end the game, and the second's move reaches O", NewestConnectionHoldsSeat),
        new("leave", "a player who leaves ends the game", "O closes with 1000: X gets a state with status abandoned and gone O, and X's next move gets an error", LeaveEndsGame),
        new("leave", "a vanished player is given up after the grace period", "O's connection dies without a close frame: within 8 s X gets a state with status abandoned and gone O", VanishedPlayerGivenUp) { Timeout = TimeSpan.FromSeconds(20) },
        new("page", "two pages play a game and their boards agree", "two tabs on /?game=ID show #seat X and O; clicking #board cells 0, 3, 1, 4, 2 in turn leaves both boards at XXXOO---- (and no console errors)", TwoPagesPlay) { Timeout = TimeSpan.FromSeconds(30) },
        new("page", "a reloaded page rejoins its seat", "after X plays 4, O's tab reloads: it shows #seat O and the board ----X---- again, and its click on cell 0 reaches X's board", ReloadRejoins) { Timeout = TimeSpan.FromSeconds(30) },
    ];

    private static CheckOutcome Outcome(params (bool Ok, string Observed)[] steps) =>
        CheckOutcome.When(steps.All(s => s.Ok), string.Join("; ", steps.Select(s => s.Observed)));

    private static async Task<(GamePlayer X, GamePlayer O)> PairAsync(CheckContext context, string gameId)
    {
        var x = await GamePlayer.JoinAsync(context, "X's socket", gameId);
        var o = await GamePlayer.JoinAsync(context, "O's socket", gameId);
        if (x.Seat != "X" || o.Seat != "O")
        {
            x.Dispose();
            o.Dispose();
            throw new InvalidOperationException($"the first two connections were welcomed as {x.Seat ?? "(no seat)"} and {o.Seat ?? "(no seat)"}, not X and O");
        }
        return (x, o);
    }

    private static async Task<CheckOutcome> SeatsArrivals(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        using var first = await GamePlayer.JoinAsync(context, "the first", game);
        using var second = await GamePlayer.JoinAsync(context, "the second", game);
        using var third = await GamePlayer.JoinAsync(context, "the third", game);
        var seats = $"welcomed as {first.Seat ?? "(none)"}, {second.Seat ?? "(none)"}, {third.Seat ?? "(none)"}";
        if (first.Seat != "X" || second.Seat != "O" || third.Seat != "spectator") return CheckOutcome.Fail(seats);
        if (string.IsNullOrEmpty(first.Token) || string.IsNullOrEmpty(second.Token) || first.Token == second.Token)
            return CheckOutcome.Fail($"{seats}, but the players' tokens are missing or equal");
        if (third.Token is not null) return CheckOutcome.Fail($"{seats}, but the spectator got a token");
        var (ok, seen, _) = await third.ExpectAsync(m => m.Type == "state" && m.Board == "---------" && m.Status == "playing");
        return CheckOutcome.When(ok, $"{seats}; {seen}");
    }

    private static async Task<CheckOutcome> RefusesBadGameId(CheckContext context)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(context.WsUrl("/ws/game?game=a%20b"), context.CancellationToken);
            return CheckOutcome.Fail("the server accepted the WebSocket");
        }
        catch (WebSocketException)
        {
            return CheckOutcome.When(socket.HttpStatusCode == HttpStatusCode.BadRequest, $"the handshake was refused with HTTP {(int)socket.HttpStatusCode}");
        }
    }

    private static async Task<CheckOutcome> RefusesOversized(CheckContext context)
    {
        using var player = await GamePlayer.JoinAsync(context, "the player", GamePlayer.NewGameId());
        await WebSocketProbe.SendTextAsync(player.Socket, new string('x', 4000), context.CancellationToken);
        var (_, observed, _) = await player.ExpectAsync(_ => false);
        return CheckOutcome.When(player.Socket.CloseStatus == WebSocketCloseStatus.MessageTooBig, observed);
    }

    private static async Task<CheckOutcome> BoundsGames(CheckContext context)
    {
        var open = new List<GamePlayer>();
        var gameIds = new List<string>();
        try
        {
            string? refused = null;
            // Beyond any sane maximum for a lab: a server that never refuses fails here.
            for (var i = 0; i < 200 && refused is null; i++)
            {
                try
                {
                    gameIds.Add(GamePlayer.NewGameId());
                    open.Add(await GamePlayer.JoinAsync(context, $"game {i}'s player", gameIds[^1]));
                }
                catch (InvalidOperationException e) when (e.Message.Contains("HTTP 503", StringComparison.Ordinal))
                {
                    refused = $"game {i + 1} was refused with 503";
                }
            }
            if (refused is null) return CheckOutcome.Fail($"{open.Count} games were opened and none was refused");
            // The cap is on games, not connections: a server that counts connections refuses this one too.
            var lastOpen = open.Count - 1;
            try
            {
                open.Add(await GamePlayer.JoinAsync(context, "a second player in an open game", gameIds[lastOpen]));
            }
            catch (InvalidOperationException e)
            {
                return CheckOutcome.Fail($"{refused}; then joining game {lastOpen}, which was already open, failed too: {e.Message}");
            }
            // The player of a game that is only waiting leaves: that game is over, and its place must come back.
            await open[0].CloseAsync();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(8));
            while (true)
            {
                try
                {
                    open.Add(await GamePlayer.JoinAsync(context, "a new game's player", GamePlayer.NewGameId()));
                    return CheckOutcome.Pass($"{refused}; after one game ended, a new game was accepted");
                }
                catch (InvalidOperationException e) when (e.Message.Contains("HTTP 503", StringComparison.Ordinal))
                {
                    if (wait.IsCancellationRequested) return CheckOutcome.Fail($"{refused}; 8 s after one game ended, new games were still refused");
                    await Task.Delay(200, context.CancellationToken); // polling the server: there is no event to wait on
                }
            }
        }
        finally
        {
            foreach (var player in open)
            {
                try
                {
                    if (player.Socket.State == WebSocketState.Open) await player.CloseAsync();
                }
                catch (WebSocketException)
                {
                    // Already gone: nothing to close.
                }
            }
            // Until the server answered every close (bounded): the next check must not find this one's dozens of
            // connections still counted against a server's connection limit.
            try
            {
                await Task.WhenAll(open.Select(p => p.Inbox.Ended)).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                // A server that never answers a close: disposing below ends the connections anyway.
            }
            foreach (var player in open) player.Dispose();
        }
    }
}
