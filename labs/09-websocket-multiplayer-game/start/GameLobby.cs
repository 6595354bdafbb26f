using Microsoft.Extensions.Options;

/// <summary>
/// Every open game, by id. Bounded: at most <see cref="GameOptions.MaxGames"/> games, and a game is forgotten as
/// soon as nobody is connected and no vanished player may come back, so a stranger cannot fill the server with
/// games that never end. Lock order: the lobby's lock, then a game's, never the other way round.
/// </summary>
public sealed class GameLobby(IOptions<GameOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Game> _games = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one more connection in game <paramref name="id"/> (opening it if new) before the upgrade; null with
    /// <paramref name="refusal"/> "too-many-games" or "game-full". Call <see cref="Exit"/> when the connection ends.
    /// </summary>
    public Game? TryEnter(string id, out string? refusal)
    {
        var settings = options.Value;
        lock (_gate)
        {
            if (!_games.TryGetValue(id, out var game))
            {
                if (_games.Count >= settings.MaxGames)
                {
                    refusal = "too-many-games";
                    return null;
                }
                _games[id] = game = new Game(id, settings, time, Forget);
            }
            if (game.Connections >= 2 + settings.MaxSpectatorsPerGame)
            {
                refusal = "game-full";
                return null;
            }
            game.Connections++;
            refusal = null;
            return game;
        }
    }

    /// <summary>One connection of <paramref name="game"/> ended (after <see cref="Game.Leave"/>).</summary>
    public void Exit(Game game)
    {
        lock (_gate)
        {
            game.Connections--;
            ForgetIfIdle(game);
        }
    }

    private void Forget(Game game)
    {
        lock (_gate) ForgetIfIdle(game);
    }

    private void ForgetIfIdle(Game game)
    {
        if (game.Connections == 0 && !game.AwaitsRejoin && _games.GetValueOrDefault(game.Id) == game) _games.Remove(game.Id);
    }
}
