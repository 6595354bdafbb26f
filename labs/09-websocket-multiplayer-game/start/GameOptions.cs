/// <summary>
/// What one stranger's connections may cost the server, bound from the "Game" section of appsettings.json.
/// A connection is in exactly one game (the URL picks it), so the games a connection can hold is always one.
/// </summary>
public sealed class GameOptions
{
    public const string SectionName = "Game";

    /// <summary>Games open at once; a connection that would open one more gets 503 too-many-games.</summary>
    public int MaxGames { get; set; } = 32;

    /// <summary>Spectators per game besides its two players; one more connection gets 409 game-full.</summary>
    public int MaxSpectatorsPerGame { get; set; } = 16;

    /// <summary>Largest message a client may send (a move is ~25 bytes); a bigger one closes with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 1024;

    /// <summary>How long a player who vanished (no close frame, or a reload) keeps the seat before the game ends.</summary>
    public TimeSpan ReconnectGrace { get; set; } = TimeSpan.FromSeconds(3);
}
