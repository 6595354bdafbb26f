using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Workshop.Testing;

namespace Workshop.Redis.Tests;

/// <summary>A <c>chat.v1</c> client for the tests: join, say, and read the next event.</summary>
internal sealed class ChatClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public static async Task<ChatClient> ConnectAsync(Uri uri)
    {
        var client = new ChatClient();
        client._socket.Options.AddSubProtocol("chat.v1");
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await client._socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    public Task JoinAsync(string room, string name) => SendAsync(new { type = "join", room, name });

    public Task SayAsync(string room, string text) => SendAsync(new { type = "say", room, text });

    public Task LeaveAsync(string room) => SendAsync(new { type = "leave", room });

    /// <summary>The <c>members</c> list of the event read last (a <c>joined</c> event), or null.</summary>
    public IReadOnlyList<string>? LastMembers { get; private set; }

    /// <summary>The next event as (type, name, text), or fails after the deadline.</summary>
    public async Task<(string Type, string? Name, string? Text)> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var buffer = new byte[16384];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"closed: {result.CloseStatus}");
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            using var json = JsonDocument.Parse(message.ToArray());
            var root = json.RootElement;
            LastMembers = root.TryGetProperty("members", out var m) ? [.. m.EnumerateArray().Select(e => e.GetString()!)] : null;
            return (root.GetProperty("type").GetString()!,
                root.TryGetProperty("name", out var n) ? n.GetString() : null,
                root.TryGetProperty("text", out var t) ? t.GetString() : null);
        }
    }

    /// <summary>Reads events until one of type <c>said</c> arrives; returns its text.</summary>
    public async Task<string?> NextSaidAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var next = await NextAsync(timeout);
            if (next.Type == "said") return next.Text;
        }
    }

    /// <summary>Reads in the background and adds the text of every <c>said</c> event to <paramref name="said"/> until closed.</summary>
    public Task CollectSaidAsync(System.Collections.Concurrent.ConcurrentQueue<string> said) => Task.Run(async () =>
    {
        try
        {
            while (true)
            {
                var next = await NextAsync(TimeSpan.FromMinutes(2));
                if (next.Type == "said") said.Enqueue(next.Text ?? "");
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The socket closed: collection ends.
        }
    });

    private Task SendAsync(object command)
        => _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command)), WebSocketMessageType.Text, true, CancellationToken.None);

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
