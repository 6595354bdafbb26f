using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>The public WebSocket contract of the playground: /ws/echo, /ws/chat, /ws/game.</summary>
public sealed class WebSocketContractTests
{
    [Fact]
    public async Task Echo_at_ws_echo_says_Welcome_then_echoes()
    {
        await using var server = new PlaygroundServer();
        using var echo = await ConnectAsync(server, "/ws/echo");
        Assert.Equal("Welcome!", await ReceiveAsync(echo));
        await SendAsync(echo, "ping");
        Assert.Equal("ping", await ReceiveAsync(echo));
    }

    [Fact]
    public async Task Chat_at_ws_chat_negotiates_chat_v1()
    {
        await using var server = new PlaygroundServer();
        using var chat = await ConnectAsync(server, "/ws/chat", "chat.v1");
        Assert.Equal("chat.v1", chat.SubProtocol);
    }

    [Fact]
    public async Task Game_seats_X_then_O_then_a_spectator_and_refuses_a_spectator_move()
    {
        await using var server = new PlaygroundServer();
        using var x = await ConnectAsync(server, "/ws/game?game=g1");
        Assert.Equal("X", await WelcomeSeatAsync(x));
        Assert.Equal("X", Json(await ReceiveAsync(x)).GetProperty("you").GetString());
        using var o = await ConnectAsync(server, "/ws/game?game=g1");
        Assert.Equal("O", await WelcomeSeatAsync(o));
        Assert.Equal("O", Json(await ReceiveAsync(o)).GetProperty("you").GetString());
        using var watcher = await ConnectAsync(server, "/ws/game?game=g1");
        Assert.Equal("spectator", await WelcomeSeatAsync(watcher));
        var watching = Json(await ReceiveAsync(watcher));
        Assert.Equal(("spectator", "---------", "X"), (watching.GetProperty("you").GetString(),
            watching.GetProperty("board").GetString(), watching.GetProperty("turn").GetString()));
        Assert.Equal(JsonValueKind.Null, watching.GetProperty("winner").ValueKind);

        await SendAsync(watcher, """{"type":"move","cell":4}""");
        var error = Json(await ReceiveAsync(watcher));
        Assert.Equal(("error", "spectators cannot move"), (error.GetProperty("type").GetString(), error.GetProperty("reason").GetString()));

        await SendAsync(x, """{"type":"move","cell":4}""");
        // Everyone sees the move (X also saw the two joins first).
        Assert.Equal("----X----", await NextBoardAsync(watcher));
        Assert.Equal("----X----", await NextBoardAsync(x));
    }

    [Fact]
    public async Task Game_answers_bad_json_with_an_error_and_a_bad_game_id_with_400()
    {
        await using var server = new PlaygroundServer();
        using var x = await ConnectAsync(server, "/ws/game?game=g2");
        await WelcomeSeatAsync(x);
        await ReceiveAsync(x);
        await SendAsync(x, "{oops");
        Assert.Equal("error", Json(await ReceiveAsync(x)).GetProperty("type").GetString());

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var response = await http.GetAsync("/ws/game?game=not%20valid");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\":\"bad-game-id\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string?> WelcomeSeatAsync(WebSocket socket)
    {
        var welcome = Json(await ReceiveAsync(socket));
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        return welcome.GetProperty("seat").GetString();
    }

    private static async Task<string> NextBoardAsync(WebSocket socket)
    {
        while (true)
        {
            var message = Json(await ReceiveAsync(socket));
            if (message.GetProperty("board").GetString() != "---------") return message.GetProperty("board").GetString()!;
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(PlaygroundServer server, string path, params string[] protocols)
    {
        var client = new ClientWebSocket();
        foreach (var p in protocols) client.Options.AddSubProtocol(p);
        var uri = new Uri(new UriBuilder(server.BaseAddress) { Scheme = "ws" }.Uri, path);
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(uri, timeout.Token);
        return client;
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.EndOfMessage);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
