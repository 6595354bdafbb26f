namespace Workshop.Security.Tests.WebSockets;

/// <summary>
/// Review item 1: one client cannot take every game by opening games and vanishing (each kept for its player's
/// grace), nor by upgrading as fast as it can.
/// </summary>
public sealed class GameChurnAttackTests
{
    [Fact]
    public async Task A_client_opening_games_and_vanishing_is_refused_with_429_before_the_server_is_full()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Multiplayer:MaxGames"] = "10",
            ["Multiplayer:MaxGamesPerClient"] = "3",
        });
        for (var i = 0; i < 3; i++)
        {
            // No close frame: the server keeps the game for the vanished player's grace.
            var socket = await WsAttacker.ConnectAsync(app, $"/ws/game?game=churn{i}");
            socket.Abort();
            socket.Dispose();
        }

        var refused = await WsAttacker.UpgradeAsync(app, "/ws/game?game=churn3");

        Assert.Equal(429, refused.Status);
        Assert.Equal("too-many-games-from-client", refused.Problem.GetProperty("reason").GetString());
        Assert.NotNull(refused.Header("Retry-After"));
    }

    [Fact]
    public async Task Game_upgrades_beyond_the_per_client_rate_are_refused_with_429_rate_limited()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["Security:RateLimits:GameUpgrades:PermitLimit"] = "3",
            ["Security:RateLimits:GameUpgrades:Window"] = "00:10:00",
        });
        for (var i = 0; i < 3; i++) Assert.Equal(101, (await WsAttacker.UpgradeAsync(app, "/ws/game?game=same")).Status);

        var refused = await WsAttacker.UpgradeAsync(app, "/ws/game?game=same");

        Assert.Equal(429, refused.Status);
        Assert.Equal("rate-limited", refused.Problem.GetProperty("reason").GetString());
        Assert.Equal("game-upgrades", refused.Problem.GetProperty("policy").GetString());
    }
}
