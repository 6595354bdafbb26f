using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workshop.Playground.Features.Multiplayer;
using Workshop.Testing;

namespace Workshop.Playground.Tests;

/// <summary>Tic-tac-toe stays bounded: games, places per game and message size.</summary>
public sealed class TicTacToeBoundsTests
{
    private static TicTacToeServer Server(int maxGames = 1000, int maxSpectators = 64) =>
        new(Options.Create(new TicTacToeOptions { MaxGames = maxGames, MaxSpectatorsPerGame = maxSpectators }),
            NullLogger<TicTacToeServer>.Instance);

    [Fact]
    public void A_new_game_beyond_the_cap_is_refused_until_a_game_ends()
    {
        var server = Server(maxGames: 2);
        using var a = server.TryReserve("a", out _);
        var b = server.TryReserve("b", out _);
        using var secondInA = server.TryReserve("a", out _); // joining an existing game is not a new game

        Assert.Null(server.TryReserve("c", out var refusal));
        Assert.Equal("too-many-games", refusal);
        Assert.NotNull(secondInA);

        b!.Dispose();
        b.Dispose(); // a second disposal releases nothing more
        Assert.Equal(1, server.GameCount);
        using var c = server.TryReserve("c", out refusal);
        Assert.NotNull(c);
        Assert.Null(refusal);
    }

    [Fact]
    public void A_game_holds_two_players_and_its_spectators_then_refuses_game_full()
    {
        var server = Server(maxSpectators: 1);
        var places = Enumerable.Range(0, 3).Select(_ => server.TryReserve("g", out string? _)).ToList();

        Assert.All(places, Assert.NotNull);
        Assert.Null(server.TryReserve("g", out var refusal));
        Assert.Equal("game-full", refusal);

        places[0]!.Dispose();
        using var again = server.TryReserve("g", out _);
        Assert.NotNull(again);
        foreach (var place in places) place?.Dispose();
    }

    [Fact]
    public void A_game_whose_last_place_is_released_is_forgotten()
    {
        var server = Server();
        var x = server.TryReserve("g", out _)!;
        var o = server.TryReserve("g", out _)!;

        x.Dispose();
        Assert.Equal(1, server.GameCount);
        o.Dispose();
        Assert.Equal(0, server.GameCount);
    }

    [Fact]
    public async Task A_game_message_over_256_bytes_closes_with_1009()
    {
        await using var server = new PlaygroundServer();
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client.ConnectAsync(new Uri(new UriBuilder(server.BaseAddress) { Scheme = "ws" }.Uri, "/ws/game?game=big"), timeout.Token);

        var padded = $$"""{"type":"move","cell":0,"pad":"{{new string('x', 300)}}"}""";
        await client.SendAsync(Encoding.UTF8.GetBytes(padded), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[4096];
        while (true)
        {
            var result = await client.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType != WebSocketMessageType.Close) continue;
            Assert.Equal(WebSocketCloseStatus.MessageTooBig, result.CloseStatus);
            Assert.Equal("game messages are at most 256 bytes", result.CloseStatusDescription);
            return;
        }
    }
}
