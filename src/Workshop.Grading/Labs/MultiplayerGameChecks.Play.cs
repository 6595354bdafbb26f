using Workshop.Grading.Checks;

namespace Workshop.Grading.Labs;

/// <summary>Lab 09's moves, rejoin and leave checks: two or three sockets in a fresh game each.</summary>
public sealed partial class MultiplayerGameChecks
{
    private static async Task<CheckOutcome> MoveReachesEveryone(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        var (x, o) = await PairAsync(context, game);
        using (x)
        using (o)
        using (var spectator = await GamePlayer.JoinAsync(context, "the spectator", game))
        {
            await x.MoveAsync(4);
            static bool Moved(GameMessage m) => m.Type == "state" && m.Board == "----X----" && m.Turn == "O";
            var xs = await x.ExpectAsync(Moved);
            var os = await o.ExpectAsync(Moved);
            var ss = await spectator.ExpectAsync(Moved);
            return Outcome((xs.Ok, xs.Observed), (os.Ok, os.Observed), (ss.Ok, ss.Observed));
        }
    }

    private static async Task<CheckOutcome> RefusesOutOfTurn(CheckContext context)
    {
        var (x, o) = await PairAsync(context, GamePlayer.NewGameId());
        using (x)
        using (o)
        {
            await o.MoveAsync(0);
            var error = await o.ExpectErrorAsync();
            await x.MoveAsync(4);
            var board = await o.ExpectBoardAsync("----X----");
            if (o.HasSeenBoard("O--------")) return CheckOutcome.Fail("O's out-of-turn move reached the board (O saw \"O--------\")");
            return Outcome((error.Ok, error.Observed), (board.Ok, board.Observed));
        }
    }

    private static async Task<CheckOutcome> RefusesBadCells(CheckContext context)
    {
        var (x, o) = await PairAsync(context, GamePlayer.NewGameId());
        using (x)
        using (o)
        {
            await x.MoveAsync(4);
            var first = await o.ExpectBoardAsync("----X----");
            if (!first.Ok) return CheckOutcome.Fail(first.Observed);
            await o.MoveAsync(4);
            var taken = await o.ExpectErrorAsync();
            await o.MoveAsync(9);
            var missing = await o.ExpectErrorAsync();
            await o.MoveAsync(0);
            var board = await x.ExpectBoardAsync("O---X----");
            return Outcome((taken.Ok, "cell 4: " + taken.Observed), (missing.Ok, "cell 9: " + missing.Observed), (board.Ok, board.Observed));
        }
    }

    private static async Task<CheckOutcome> SpectatorCannotMove(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        var (x, o) = await PairAsync(context, game);
        using (x)
        using (o)
        using (var spectator = await GamePlayer.JoinAsync(context, "the spectator", game))
        {
            await spectator.MoveAsync(0);
            var error = await spectator.ExpectErrorAsync();
            await x.MoveAsync(4);
            var board = await spectator.ExpectBoardAsync("----X----");
            if (spectator.HasSeenBoard("X--------") || spectator.HasSeenBoard("O--------"))
                return CheckOutcome.Fail("the spectator's move reached the board");
            return Outcome((error.Ok, error.Observed), (board.Ok, board.Observed));
        }
    }

    private static async Task<CheckOutcome> WinEndsGame(CheckContext context)
    {
        var (x, o) = await PairAsync(context, GamePlayer.NewGameId());
        using (x)
        using (o)
        {
            foreach (var (player, cell, board) in new[] { (x, 0, "X--------"), (o, 3, "X--O-----"), (x, 1, "XX-O-----"), (o, 4, "XX-OO----") })
            {
                await player.MoveAsync(cell);
                var step = await o.ExpectBoardAsync(board);
                if (!step.Ok) return CheckOutcome.Fail(step.Observed);
            }
            await x.MoveAsync(2);
            var won = await o.ExpectAsync(m => m.Type == "state" && m.Board == "XXXOO----" && m.Status == "over" && m.Winner == "X");
            if (!won.Ok) return CheckOutcome.Fail(won.Observed);
            await o.MoveAsync(5);
            var error = await o.ExpectErrorAsync();
            if (o.HasSeenBoard("XXXOOO---")) return CheckOutcome.Fail("O's move after the win reached the board");
            return Outcome((won.Ok, won.Observed), (error.Ok, error.Observed));
        }
    }

    private static async Task<CheckOutcome> RejoinRestoresSeat(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        var (x, o) = await PairAsync(context, game);
        using (x)
        using (o)
        {
            await x.MoveAsync(4);
            var moved = await o.ExpectBoardAsync("----X----");
            if (!moved.Ok) return CheckOutcome.Fail(moved.Observed);
            await VanishAsync(x, o);
            using var back = await GamePlayer.JoinAsync(context, "X's new socket", game, x.Token);
            if (back.Seat != "X" || back.Token != x.Token)
                return CheckOutcome.Fail($"the connection with X's token was welcomed as {back.Seat ?? "(none)"}{(back.Token == x.Token ? "" : ", with another token")}");
            var board = await back.ExpectBoardAsync("----X----");
            if (!board.Ok) return CheckOutcome.Fail(board.Observed);
            await o.MoveAsync(0);
            var next = await back.ExpectBoardAsync("O---X----");
            return Outcome((board.Ok, board.Observed), (next.Ok, next.Observed));
        }
    }

    /// <summary>
    /// <paramref name="player"/> vanishes. The server notices a moment later, so this waits (briefly, best effort) for
    /// <paramref name="other"/> to hear of it: without leave notices (another task) it goes on after 2 s, so a rejoin
    /// check's verdict stays about rejoining, and what follows does not race the server's noticing.
    /// </summary>
    private static async Task VanishAsync(GamePlayer player, GamePlayer other)
    {
        player.Vanish();
        await other.ExpectAsync(m => m.Type == "state" && m.Status is "away" or "abandoned", TimeSpan.FromSeconds(2));
    }

    private static async Task<CheckOutcome> StrangerGetsNoSeat(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        var (x, o) = await PairAsync(context, game);
        using (x)
        using (o)
        {
            await VanishAsync(x, o);
            using var stranger = await GamePlayer.JoinAsync(context, "a stranger", game);
            using var forger = await GamePlayer.JoinAsync(context, "a forger", game, "0123456789ABCDEF0123456789ABCDEF");
            return CheckOutcome.When(stranger.Seat == "spectator" && forger.Seat == "spectator",
                $"without a token: welcomed as {stranger.Seat ?? "(none)"}; with a forged token: welcomed as {forger.Seat ?? "(none)"}");
        }
    }

    private static async Task<CheckOutcome> NewestConnectionHoldsSeat(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        var (x, o) = await PairAsync(context, game);
        using (x)
        using (o)
        {
            using var second = await GamePlayer.JoinAsync(context, "X's second socket", game, x.Token);
            if (second.Seat != "X") return CheckOutcome.Fail($"the second connection with X's token was welcomed as {second.Seat ?? "(none)"}");
            await x.MoveAsync(0);
            var refused = await x.ExpectErrorAsync();
            await x.CloseAsync();
            // The server answers the close once it has handled it: only then is the seat's fate decided.
            await x.ExpectAsync(_ => false);
            await second.MoveAsync(4);
            var board = await o.ExpectBoardAsync("----X----");
            if (o.HasSeenBoard("X--------")) return CheckOutcome.Fail("the first connection's move reached the board after the seat moved on");
            return Outcome((refused.Ok, "the first socket's move: " + refused.Observed), (board.Ok, board.Observed));
        }
    }

    private static async Task<CheckOutcome> LeaveEndsGame(CheckContext context)
    {
        var (x, o) = await PairAsync(context, GamePlayer.NewGameId());
        using (x)
        using (o)
        {
            await o.CloseAsync();
            var ended = await x.ExpectAsync(m => m.Type == "state" && m.Status == "abandoned" && m.Gone == "O");
            if (!ended.Ok) return CheckOutcome.Fail(ended.Observed);
            await x.MoveAsync(4);
            var error = await x.ExpectErrorAsync();
            return Outcome((ended.Ok, ended.Observed), (error.Ok, "X's move afterwards: " + error.Observed));
        }
    }

    private static async Task<CheckOutcome> VanishedPlayerGivenUp(CheckContext context)
    {
        var (x, o) = await PairAsync(context, GamePlayer.NewGameId());
        using (x)
        using (o)
        {
            o.Vanish();
            var ended = await x.ExpectAsync(m => m.Type == "state" && m.Status == "abandoned" && m.Gone == "O", TimeSpan.FromSeconds(8));
            return CheckOutcome.When(ended.Ok, ended.Observed);
        }
    }
}
