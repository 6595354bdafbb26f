namespace Workshop.Playground.Features.Multiplayer;

/// <summary>A place in one game, held from before the upgrade until disposed (once; later disposals do nothing).</summary>
internal sealed class TicTacToeReservation(TicTacToeTable table, Action<TicTacToeTable> release) : IDisposable
{
    private int _released;

    public TicTacToeTable Table { get; } = table;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release(Table);
    }
}
