namespace Workshop.Playground.Features.Multiplayer;

/// <summary>A place in one game, held from before the upgrade until disposed (once; later disposals do nothing).</summary>
internal sealed class TicTacToeReservation(TicTacToeTable table, bool forPlayer, Action<TicTacToeReservation> release) : IDisposable
{
    private int _released;

    public TicTacToeTable Table { get; } = table;

    /// <summary>Held among the players' places (true) or the spectators' (false); changed only under the server's lock.</summary>
    public bool ForPlayer { get; set; } = forPlayer;

    /// <summary>True once disposed: a released place is no longer counted, so it is not moved between the counts either.</summary>
    public bool IsReleased => Volatile.Read(ref _released) == 1;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release(this);
    }
}
