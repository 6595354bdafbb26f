using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workshop.Testing.Hosting;
using Workshop.Testing.WebSockets;

namespace Workshop.Protocols.Tests.WebSockets;

/// <summary>
/// What lab 03 and notebook 01 teach about ASP.NET Core's own keep-alive (<c>app.UseWebSockets(new WebSocketOptions
/// { ... })</c>, no reference library): <c>KeepAliveTimeout</c> is what detects a dead peer; <c>KeepAliveInterval</c>
/// alone only sends unsolicited pongs. The peer is a raw TCP client that completes the handshake and never answers.
/// </summary>
public sealed class KeepAliveTimeoutTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task KeepAliveTimeout_aborts_a_peer_that_never_answers_a_ping()
    {
        await using var server = await SilentPeerServer.StartAsync(new WebSocketOptions { KeepAliveInterval = Interval, KeepAliveTimeout = Timeout });
        using var peer = await RawWebSocketClient.HandshakeAsync(server.Address, "/ws");
        Assert.Equal(101, peer.Status);

        Assert.Equal(0x9, await peer.ReadFrameOpcodeAsync().WaitAsync(TimeSpan.FromSeconds(10))); // a ping, never answered
        var noticedAfter = await server.Dropped.WaitAsync(TimeSpan.FromSeconds(15));

        // interval + timeout, plus generous slack for a loaded machine; far below "never".
        Assert.InRange(noticedAfter, TimeSpan.Zero, Interval + Timeout + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task KeepAliveInterval_alone_sends_unsolicited_pongs_and_never_notices_a_dead_peer()
    {
        await using var server = await SilentPeerServer.StartAsync(new WebSocketOptions { KeepAliveInterval = Interval });
        using var peer = await RawWebSocketClient.HandshakeAsync(server.Address, "/ws");
        Assert.Equal(101, peer.Status);

        Assert.Equal(0xA, await peer.ReadFrameOpcodeAsync().WaitAsync(TimeSpan.FromSeconds(10))); // a pong nobody asked for
        Assert.Equal(0xA, await peer.ReadFrameOpcodeAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        // Five times the window in which KeepAliveTimeout drops the same peer: still connected.
        await Assert.ThrowsAsync<TimeoutException>(() => server.Dropped.WaitAsync(5 * (Interval + Timeout)));
    }

    /// <summary>A <see cref="TestHost"/> whose one endpoint accepts and waits for a message that never comes.</summary>
    private sealed class SilentPeerServer : IAsyncDisposable
    {
        private readonly TaskCompletionSource<TimeSpan> _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TestHost? _host;

        public Uri Address => _host!.BaseAddress;

        /// <summary>How long after the upgrade the server found the connection dead.</summary>
        public Task<TimeSpan> Dropped => _dropped.Task;

        public static async Task<SilentPeerServer> StartAsync(WebSocketOptions options)
        {
            var server = new SilentPeerServer();
            server._host = await TestHost.StartAsync(app =>
            {
                app.UseWebSockets(options);
                app.Map("/ws", server.AcceptAsync);
            });
            return server;
        }

        private async Task AcceptAsync(HttpContext context)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var clock = Stopwatch.StartNew();
            try
            {
                await socket.ReceiveAsync(new byte[64], context.RequestAborted);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                _dropped.TrySetResult(clock.Elapsed);
            }
        }

        public ValueTask DisposeAsync() => _host?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
