using System.Net.WebSockets;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>Issue 11, item 9: tic-tac-toe games and their spectators are bounded.</summary>
public sealed class GameCapAttackTests
{
    [Fact]
    public async Task A_game_full_of_spectators_refuses_one_more_with_409_game_full()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["Multiplayer:MaxSpectatorsPerGame"] = "2" });
        var held = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 4; i++) held.Add(await WsAttacker.ConnectAsync(app, "/ws/game?game=crowd"));

            var refused = await WsAttacker.UpgradeAsync(app, "/ws/game?game=crowd");

            Assert.Equal(409, refused.Status);
            Assert.Equal("game-full", refused.Problem.GetProperty("reason").GetString());
            Assert.Equal(101, (await WsAttacker.UpgradeAsync(app, "/ws/game?game=another")).Status);
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    [Fact]
    public async Task Opening_games_beyond_the_cap_is_refused_with_503_too_many_games()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["Multiplayer:MaxGames"] = "3" });
        var held = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++) held.Add(await WsAttacker.ConnectAsync(app, $"/ws/game?game=g{i}"));

            var refused = await WsAttacker.UpgradeAsync(app, "/ws/game?game=g3");

            Assert.Equal(503, refused.Status);
            Assert.Equal("too-many-games", refused.Problem.GetProperty("reason").GetString());
            Assert.NotNull(refused.Header("Retry-After"));
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }
}
