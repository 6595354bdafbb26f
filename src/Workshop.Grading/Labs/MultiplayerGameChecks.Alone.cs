using Workshop.Grading.Checks;

namespace Workshop.Grading.Labs;

/// <summary>Lab 09: a game does not start until its second player is there.</summary>
public sealed partial class MultiplayerGameChecks
{
    private static async Task<CheckOutcome> WaitsForSecondPlayer(CheckContext context)
    {
        var game = GamePlayer.NewGameId();
        using var x = await GamePlayer.JoinAsync(context, "X's socket", game);
        if (x.Seat != "X") return CheckOutcome.Fail($"the first connection was welcomed as {x.Seat ?? "(no seat)"}, not X");
        // A server without the "wait for a second player" rule lets X fill the board alone.
        await x.MoveAsync(4);
        var error = await x.ExpectErrorAsync();
        using var o = await GamePlayer.JoinAsync(context, "O's socket", game);
        var empty = await o.ExpectAsync(m => m.Type == "state" && m.Board == "---------");
        if (x.HasSeenBoard("----X----") || o.HasSeenBoard("----X----"))
            return CheckOutcome.Fail("X's move before O joined reached the board (\"----X----\")");
        await x.MoveAsync(4);
        var board = await o.ExpectBoardAsync("----X----");
        return Outcome((error.Ok, "X alone: " + error.Observed), (empty.Ok, "O joined: " + empty.Observed), (board.Ok, board.Observed));
    }
}
