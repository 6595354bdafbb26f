using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Playground.Tests.Inspector;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>Tic-tac-toe's log stays small: what any client can cause over and over is not logged at Information.</summary>
public sealed class TicTacToeLogTests
{
    [Fact]
    public async Task Refused_game_messages_are_logged_below_Information_so_a_client_cannot_flood_the_log()
    {
        await using var server = new LoggedPlaygroundServer();
        using var spectator = await ConnectAsync(server.BaseAddress, "/ws/game?game=noisy");
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(spectator, """{"type":"nonsense"}""");
            await NextAsync(spectator, "error");
        }

        var refusals = server.Logs.Lines.Where(l => l.Contains("refused a message", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, l => Assert.StartsWith("Debug ", l, StringComparison.Ordinal));
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
