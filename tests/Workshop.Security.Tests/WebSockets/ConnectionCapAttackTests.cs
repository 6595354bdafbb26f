using System.Net.WebSockets;
using Workshop.Testing;

namespace Workshop.Security.Tests.WebSockets;

/// <summary>Issue 11, item 9: one anonymous client cannot hold every socket of the server.</summary>
public sealed class ConnectionCapAttackTests
{
    [Fact]
    public async Task An_anonymous_client_opening_connections_is_refused_with_429_before_the_upgrade_once_over_its_cap()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["WebSockets:MaxConnectionsPerClient"] = "5" });
        var held = new List<ClientWebSocket>();
        try
        {
            // Every endpoint counts against the same per-client cap.
            foreach (var path in new[] { "/ws/echo", "/ws/chat", "/ws/game?game=cap", "/ws/echo", "/ws/chat" })
                held.Add(await WsAttacker.ConnectAsync(app, path));

            var refused = await WsAttacker.UpgradeAsync(app, "/ws/echo");

            Assert.Equal(429, refused.Status);
            Assert.Equal("too-many-connections", refused.Problem.GetProperty("reason").GetString());
            Assert.Contains("5", refused.Problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(refused.Header("Retry-After"));

            // A connection that ends frees its slot, so a well-behaved client is never locked out for good.
            await held[0].CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            await Eventually.HoldsAsync(async () => (await WsAttacker.UpgradeAsync(app, "/ws/echo")).Status == 101, "a slot to be free again");
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    [Fact]
    public async Task Connections_beyond_the_total_cap_are_refused_with_503_server_full_and_retry_after()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?>
        {
            ["WebSockets:MaxConnections"] = "4",
            ["WebSockets:MaxConnectionsPerClient"] = "100",
        });
        var held = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 4; i++) held.Add(await WsAttacker.ConnectAsync(app, "/ws/echo"));

            var refused = await WsAttacker.UpgradeAsync(app, "/ws/chat");

            Assert.Equal(503, refused.Status);
            Assert.Equal("server-full", refused.Problem.GetProperty("reason").GetString());
            Assert.NotNull(refused.Header("Retry-After"));
        }
        finally
        {
            foreach (var socket in held) socket.Dispose();
        }
    }

    [Fact]
    public async Task Aborted_connections_give_their_slots_back()
    {
        await using var app = new ProductionPlayground(new Dictionary<string, string?> { ["WebSockets:MaxConnectionsPerClient"] = "3" });
        for (var round = 0; round < 3; round++)
        {
            // Each round must get all 3 slots back: the slots of the round before were all released.
            var held = new List<ClientWebSocket>();
            while (held.Count < 3)
            {
                ClientWebSocket? next = null;
                await Eventually.HoldsAsync(async () => (next = await TryConnectAsync(app)) is not null, $"round {round}: slot {held.Count + 1} free");
                held.Add(next!);
            }
            Assert.Equal(429, (await WsAttacker.UpgradeAsync(app, "/ws/chat")).Status);
            foreach (var socket in held)
            {
                socket.Abort(); // TCP gone without a close frame
                socket.Dispose();
            }
        }
    }

    private static async Task<ClientWebSocket?> TryConnectAsync(ProductionPlayground app)
    {
        try
        {
            return await WsAttacker.ConnectAsync(app, "/ws/chat", "chat.v1");
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
