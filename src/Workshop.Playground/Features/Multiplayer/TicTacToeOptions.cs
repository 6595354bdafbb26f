namespace Workshop.Playground.Features.Multiplayer;

/// <summary>Bounds of the tic-tac-toe feature, bound from the <c>Multiplayer</c> configuration section.</summary>
internal sealed class TicTacToeOptions
{
    public const string SectionName = "Multiplayer";

    /// <summary>Games open at once; a connection to a new game beyond it gets 503 <c>too-many-games</c>. Default 1,000.</summary>
    public int MaxGames { get; set; } = 1000;

    /// <summary>
    /// Games one client (address, or IPv6 /64) may have opened and not yet forgotten, counting games kept for a
    /// vanished player's grace; one more gets 429 <c>too-many-games-from-client</c>. Default 20.
    /// </summary>
    public int MaxGamesPerClient { get; set; } = 20;

    /// <summary>Spectators per game besides its two players; one more gets 409 <c>game-full</c>. Default 64.</summary>
    public int MaxSpectatorsPerGame { get; set; } = 64;

    /// <summary>Largest game message (a move is ~25 bytes); a bigger one closes the socket with 1009. Default 256.</summary>
    public int MaxMessageBytes { get; set; } = 256;

    /// <summary>
    /// How long a player who vanished (no close frame, or a reload's 1001) keeps the seat before the game is given up.
    /// A close with 1000 (a goodbye) ends the game at once. Default 10 s.
    /// </summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(10);
}
