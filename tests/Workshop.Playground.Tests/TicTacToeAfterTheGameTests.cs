using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>Once a game is over, a player who leaves does not stay "away" for ever: its seat is freed for the next game.</summary>
public sealed class TicTacToeAfterTheGameTests
{
    [Fact]
    public async Task A_player_who_says_goodbye_after_a_win_frees_the_seat_for_the_next_game()
    {
        await using var server = new PlaygroundServer();
        using var x = await ConnectAsync(server.BaseAddress, "/ws/game?game=afterwin");
        Assert.Equal("X", (await NextAsync(x, "welcome")).GetProperty("seat").GetString());
        using var o = await ConnectAsync(server.BaseAddress, "/ws/game?game=afterwin");
        Assert.Equal("O", (await NextAsync(o, "welcome")).GetProperty("seat").GetString());
        foreach (var (player, cell) in new[] { (x, 0), (o, 3), (x, 1), (o, 4), (x, 2) })
        {
            await SendAsync(player, $$"""{"type":"move","cell":{{cell}}}""");
            await NextAsync(x, "state", m => m.GetProperty("board").GetString()![cell] != '-');
        }

        await o.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await NextAsync(x, "state", m => m.GetProperty("players").GetInt32() == 1);
        await SendAsync(x, """{"type":"reset"}""");

        // Not "away" for ever: nothing would ever give the leaver's seat up.
        await NextAsync(x, "state", m => m.GetProperty("status").GetString() == "waiting" && m.GetProperty("board").GetString() == "---------");
        using var newcomer = await ConnectAsync(server.BaseAddress, "/ws/game?game=afterwin");
        Assert.Equal("O", (await NextAsync(newcomer, "welcome")).GetProperty("seat").GetString());
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri baseAddress, string path)
    {
        var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(new Uri(new UriBuilder(baseAddress) { Scheme = "ws" }.Uri, path), timeout.Token);
        return client;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> NextAsync(WebSocket socket, string type, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.True(result.MessageType != WebSocketMessageType.Close, $"the server closed the socket while a '{type}' message was awaited");
            using var document = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
            var message = document.RootElement.Clone();
            if (message.GetProperty("type").GetString() == type && (match is null || match(message))) return message;
        }
    }
}
