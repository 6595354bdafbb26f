namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// One game's state as <see cref="TicTacToeScripts"/> publish it: <c>id|version|now|board|turn|winner|left|hasX|hasO|connX|connO|graceX|graceO</c>
/// (times in Redis milliseconds; whether a seat is taken, never its token).
/// </summary>
internal sealed record TicTacToeSnapshot(string GameId, long Version, long Now, string Board, string Turn, string Winner,
    string Left, bool TakenX, bool TakenO, string ConnectionX, string ConnectionO, long GraceX, long GraceO)
{
    public static TicTacToeSnapshot? Parse(string text)
    {
        var f = text.Split('|');
        if (f.Length != 13 || !long.TryParse(f[1], out var version) || !long.TryParse(f[2], out var now)
            || !long.TryParse(f[11], out var graceX) || !long.TryParse(f[12], out var graceO)) return null;
        return new(f[0], version, now, f[3], f[4], f[5], f[6], f[7] == "1", f[8] == "1", f[9], f[10], graceX, graceO);
    }

    /// <summary>Seats whose player holds a connection now.</summary>
    public int Players => (ConnectionX.Length > 0 ? 1 : 0) + (ConnectionO.Length > 0 ? 1 : 0);

    /// <summary>X, O or spectator: what <paramref name="connection"/> is in this game.</summary>
    public string SeatOf(string connection) => connection == ConnectionX ? "X" : connection == ConnectionO ? "O" : "spectator";

    /// <summary>When the first running grace ends (Redis milliseconds), or null when no player is away (whatever the status: a game over frees the seat then).</summary>
    public long? GraceEnds => Math.Min(AwayX && GraceX > 0 ? GraceX : long.MaxValue, AwayO && GraceO > 0 ? GraceO : long.MaxValue) is var end && end < long.MaxValue ? end : null;

    private bool AwayX => TakenX && ConnectionX.Length == 0;

    private bool AwayO => TakenO && ConnectionO.Length == 0;

    /// <summary>waiting, playing, away, over or abandoned, and the seat that is away or gone (as <see cref="TicTacToeTable.Status"/>).</summary>
    public (string Status, string? Gone) Status()
    {
        if (Left.Length > 0) return ("abandoned", Left);
        if (Winner.Length > 0) return ("over", null);
        if (!TakenX || !TakenO) return ("waiting", null);
        return AwayX ? ("away", "X") : AwayO ? ("away", "O") : ("playing", null);
    }
}
