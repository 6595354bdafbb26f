namespace Workshop.Playground.Features.Multiplayer;

/// <summary>Where games live: <see cref="Shared"/> when the playground runs on a Redis backplane, else null (in memory, <see cref="TicTacToeServer"/>).</summary>
internal sealed record TicTacToeBackend(RedisTicTacToeServer? Shared);
