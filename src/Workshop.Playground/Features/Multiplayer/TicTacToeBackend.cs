namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// Where games live: <see cref="Shared"/> when the playground runs on a Redis backplane, else null (in memory,
/// <see cref="TicTacToeServer"/>). Disposed with the app's services, and the shared server's sweep and subscription
/// with it: the container owns this record, not the server it was given.
/// </summary>
internal sealed record TicTacToeBackend(RedisTicTacToeServer? Shared) : IDisposable
{
    public void Dispose() => Shared?.Dispose();
}
