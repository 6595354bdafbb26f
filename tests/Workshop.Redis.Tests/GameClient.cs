using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>A tic-tac-toe client (lab 09's protocol) for the tests: connect, move, and read the next message.</summary>
internal sealed class GameClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    private GameClient() => _socket.Options.CollectHttpResponseDetails = true;

    /// <summary>The welcome's seat (X, O or spectator) and token.</summary>
    public string Seat { get; private set; } = "";

    public string? Token { get; private set; }

    /// <summary>The last state received.</summary>
    public JsonElement State { get; private set; }

    public static Uri Address(Uri http, string game, string? token = null)
        => new UriBuilder(http) { Scheme = "ws", Path = "/ws/game", Query = token is null ? $"game={game}" : $"game={game}&token={token}" }.Uri;

    /// <summary>Connects and reads the welcome and the first state.</summary>
    public static async Task<GameClient> JoinAsync(Uri http, string game, string? token = null)
    {
        var client = new GameClient();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client._socket.ConnectAsync(Address(http, game, token), timeout.Token);
        var welcome = await client.NextAsync();
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        client.Seat = welcome.GetProperty("seat").GetString()!;
        client.Token = welcome.GetProperty("token").GetString();
        Assert.Equal("state", (await client.NextAsync()).GetProperty("type").GetString());
        return client;
    }

    /// <summary>The status code of a refused upgrade (the connection must fail).</summary>
    public static async Task<HttpStatusCode> RefusedAsync(Uri http, string game, string? token = null)
    {
        await using var client = new GameClient();
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await Assert.ThrowsAsync<WebSocketException>(() => client._socket.ConnectAsync(Address(http, game, token), timeout.Token));
        return client._socket.HttpStatusCode;
    }

    public Task MoveAsync(int cell) => SendAsync($$"""{"type":"move","cell":{{cell}}}""");

    public Task SendAsync(string text)
        => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next message (a state is kept in <see cref="State"/>), or fails after the deadline.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"closed: {result.CloseStatus} {result.CloseStatusDescription}");
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var root = JsonDocument.Parse(message.ToArray()).RootElement;
            if (root.GetProperty("type").GetString() == "state") State = root;
            return root;
        }
    }

    /// <summary>Reads until a state matches (board, and status when given); returns it.</summary>
    public async Task<JsonElement> StateAsync(string board, string? status = null)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.GetProperty("type").GetString() == "state" && next.GetProperty("board").GetString() == board
                && (status is null || next.GetProperty("status").GetString() == status)) return next;
        }
    }

    /// <summary>Reads until a state with this status arrives.</summary>
    public async Task<JsonElement> StatusAsync(string status)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.GetProperty("type").GetString() == "state" && next.GetProperty("status").GetString() == status) return next;
        }
    }

    /// <summary>The next error's reason (states before it are skipped).</summary>
    public async Task<string> ErrorAsync()
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.GetProperty("type").GetString() == "error") return next.GetProperty("reason").GetString()!;
        }
    }

    /// <summary>Reads (skipping messages) until the server closes the connection; its close code and reason.</summary>
    public async Task<(int Status, string? Reason)> ClosedAsync()
    {
        using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[4096];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) return ((int)result.CloseStatus!, result.CloseStatusDescription);
        }
    }

    /// <summary>Drops the connection without a close frame (a crash or a reload that never said goodbye).</summary>
    public void Vanish() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The server may already be gone.
        }
        _socket.Dispose();
    }
}
