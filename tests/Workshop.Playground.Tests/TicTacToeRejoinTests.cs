using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>
/// Tic-tac-toe's seats belong to tokens, not to whoever connects: a player who comes back with its token gets its
/// seat and board, a stranger only watches meanwhile, and a goodbye (1000) ends the game for the other player.
/// The grace period that gives a vanished player up is checked by lab 09's leave check against the playground
/// (tests/Workshop.Labs.Tests/Reference).
/// </summary>
public sealed class TicTacToeRejoinTests
{
    [Fact]
    public async Task A_player_who_comes_back_with_its_token_gets_its_seat_and_the_board()
    {
        await using var server = new PlaygroundServer();
        using var x = await ConnectAsync(server, "/ws/game?game=rejoin");
        var token = (await NextAsync(x, "welcome")).GetProperty("token").GetString()!;
        using var o = await ConnectAsync(server, "/ws/game?game=rejoin");
        // The 101 comes before the seat is given: X moves once O is seated (before that a move is refused: no opponent).
        Assert.Equal("O", (await NextAsync(o, "welcome")).GetProperty("seat").GetString());
        await SendAsync(x, """{"type":"move","cell":4}""");
        await NextAsync(o, "state", m => m.GetProperty("board").GetString() == "----X----");

        x.Abort();
        var away = await NextAsync(o, "state", m => m.GetProperty("status").GetString() == "away");
        Assert.Equal("X", away.GetProperty("gone").GetString());

        using var back = await ConnectAsync(server, $"/ws/game?game=rejoin&token={token}");
        var welcome = await NextAsync(back, "welcome");
        Assert.Equal(("X", token), (welcome.GetProperty("seat").GetString(), welcome.GetProperty("token").GetString()));
        var state = await NextAsync(back, "state");
        Assert.Equal(("----X----", "O", "playing"), (state.GetProperty("board").GetString(), state.GetProperty("turn").GetString(), state.GetProperty("status").GetString()));
        await NextAsync(o, "state", m => m.GetProperty("status").GetString() == "playing");
    }

    [Fact]
    public async Task While_a_player_is_away_a_newcomer_without_its_token_only_watches()
    {
        await using var server = new PlaygroundServer();
        using var x = await ConnectAsync(server, "/ws/game?game=seat");
        Assert.Equal("X", (await NextAsync(x, "welcome")).GetProperty("seat").GetString());
        using var o = await ConnectAsync(server, "/ws/game?game=seat");
        Assert.Equal("O", (await NextAsync(o, "welcome")).GetProperty("seat").GetString());
        x.Abort();
        await NextAsync(o, "state", m => m.GetProperty("status").GetString() == "away");

        using var stranger = await ConnectAsync(server, "/ws/game?game=seat");
        using var forger = await ConnectAsync(server, "/ws/game?game=seat&token=00000000000000000000000000000000");

        Assert.Equal("spectator", (await NextAsync(stranger, "welcome")).GetProperty("seat").GetString());
        Assert.Equal("spectator", (await NextAsync(forger, "welcome")).GetProperty("seat").GetString());
        await SendAsync(stranger, """{"type":"move","cell":0}""");
        Assert.Equal("spectators cannot move", (await NextAsync(stranger, "error")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_goodbye_ends_the_game_at_once_and_a_reset_frees_the_seat_for_a_newcomer()
    {
        await using var server = new PlaygroundServer();
        // Each welcome is awaited before the next connection: the 101 comes before the seat is given.
        using var x = await ConnectAsync(server, "/ws/game?game=bye");
        Assert.Equal("X", (await NextAsync(x, "welcome")).GetProperty("seat").GetString());
        using var o = await ConnectAsync(server, "/ws/game?game=bye");
        Assert.Equal("O", (await NextAsync(o, "welcome")).GetProperty("seat").GetString());

        await o.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "leave", CancellationToken.None);
        var ended = await NextAsync(x, "state", m => m.GetProperty("status").GetString() == "abandoned");
        Assert.Equal("O", ended.GetProperty("gone").GetString());
        await SendAsync(x, """{"type":"move","cell":4}""");
        Assert.Equal("the game is over", (await NextAsync(x, "error")).GetProperty("reason").GetString());

        await SendAsync(x, """{"type":"reset"}""");
        await NextAsync(x, "state", m => m.GetProperty("status").GetString() == "waiting");
        using var newcomer = await ConnectAsync(server, "/ws/game?game=bye");
        Assert.Equal("O", (await NextAsync(newcomer, "welcome")).GetProperty("seat").GetString());
    }

    [Fact]
    public async Task A_token_longer_than_64_characters_is_refused_with_400_before_the_upgrade()
    {
        await using var server = new PlaygroundServer();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await http.GetAsync($"/ws/game?game=g&token={new string('a', 65)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\":\"bad-token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<ClientWebSocket> ConnectAsync(PlaygroundServer server, string path)
    {
        var client = new ClientWebSocket();
        var uri = new Uri(new UriBuilder(server.BaseAddress) { Scheme = "ws" }.Uri, path);
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(uri, timeout.Token);
        return client;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads messages until one of <paramref name="type"/> satisfies <paramref name="match"/> (within the default timeout).</summary>
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
