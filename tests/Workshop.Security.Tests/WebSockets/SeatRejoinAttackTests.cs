using System.Net.WebSockets;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>Review item 2: players have places of their own, so spectators cannot keep a vanished player from coming back.</summary>
public sealed class SeatRejoinAttackTests
{
    [Fact]
    public async Task Spectators_filling_a_game_cannot_keep_a_vanished_player_from_its_seat()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["Multiplayer:MaxSpectatorsPerGame"] = "1" });
        var held = new List<ClientWebSocket>();
        try
        {
            var x = await WsAttacker.ConnectAsync(app, "/ws/game?game=seat");
            var welcome = JsonDocument.Parse(await WsAttacker.ReceiveTextAsync(x)).RootElement;
            Assert.Equal("X", welcome.GetProperty("seat").GetString());
            var token = welcome.GetProperty("token").GetString();
            var o = await WsAttacker.ConnectAsync(app, "/ws/game?game=seat");
            held.Add(o);
            x.Abort();
            x.Dispose();
            await WaitForAwayAsync(o);

            // The attackers take every place they can get, up to the first refusal.
            for (var i = 0; i < 5; i++)
            {
                try
                {
                    held.Add(await WsAttacker.ConnectAsync(app, "/ws/game?game=seat"));
                }
                catch (WebSocketException)
                {
                    break;
                }
            }
            Assert.Equal(409, (await WsAttacker.UpgradeAsync(app, "/ws/game?game=seat")).Status);

            var back = await WsAttacker.ConnectAsync(app, $"/ws/game?game=seat&token={token}");
            held.Add(back);
            Assert.Equal("X", JsonDocument.Parse(await WsAttacker.ReceiveTextAsync(back)).RootElement.GetProperty("seat").GetString());
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    [Fact]
    public async Task A_player_opening_tabs_with_its_token_cannot_watch_past_the_spectators_cap()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["Multiplayer:MaxSpectatorsPerGame"] = "1" });
        var held = new List<ClientWebSocket>();
        try
        {
            var x = await WsAttacker.ConnectAsync(app, "/ws/game?game=tabs");
            held.Add(x);
            var token = JsonDocument.Parse(await WsAttacker.ReceiveTextAsync(x)).RootElement.GetProperty("token").GetString();
            held.Add(await WsAttacker.ConnectAsync(app, "/ws/game?game=tabs"));
            // A second tab takes X's seat: the first one only watches now, in the one spectator's place.
            var tab = await WsAttacker.ConnectAsync(app, $"/ws/game?game=tabs&token={token}");
            held.Add(tab);
            Assert.Equal("X", JsonDocument.Parse(await WsAttacker.ReceiveTextAsync(tab)).RootElement.GetProperty("seat").GetString());

            Assert.Equal(409, (await WsAttacker.UpgradeAsync(app, "/ws/game?game=tabs")).Status);
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    private static async Task WaitForAwayAsync(WebSocket player)
    {
        while (true)
        {
            var message = JsonDocument.Parse(await WsAttacker.ReceiveTextAsync(player)).RootElement;
            if (message.GetProperty("type").GetString() == "state" && message.GetProperty("status").GetString() == "away") return;
        }
    }
}
