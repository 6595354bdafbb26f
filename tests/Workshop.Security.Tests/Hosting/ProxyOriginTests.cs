using System.Net.WebSockets;

namespace Workshop.Security.Tests.Hosting;

/// <summary>Item 8: WebSocket origin checks keep working behind a TLS-terminating proxy, and only a configured proxy is believed.</summary>
public sealed class ProxyOriginTests
{
    [Fact]
    public async Task A_browser_origin_on_https_behind_a_configured_proxy_may_open_a_websocket()
    {
        await using var server = new ProductionPlayground(new Dictionary<string, string?> { ["Security:KnownProxies:0"] = "127.0.0.1" });

        var status = await ConnectAsync(server, forwardedProto: "https");

        Assert.Equal(WebSocketState.Open, status);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unconfigured_proxy_are_not_believed()
    {
        await using var server = new ProductionPlayground();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(server, forwardedProto: "https"));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebSocketState> ConnectAsync(ProductionPlayground server, string forwardedProto)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"https://{server.BaseAddress.Authority}");
        socket.Options.SetRequestHeader("X-Forwarded-Proto", forwardedProto);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://{server.BaseAddress.Authority}/ws/echo"), timeout.Token);
        return socket.State;
    }
}
