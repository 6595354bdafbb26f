using System.Net.WebSockets;
using System.Text.Json;
using Workshop.Grading.Checks;
using Workshop.Grading.Probes;

namespace Workshop.Grading.Labs;

/// <summary>
/// Lab 09's client side of one connection: the socket, an inbox receiving in the background, and what its welcome
/// said (seat and token). Messages are matched as <see cref="GameMessage"/>s; a miss is reported, not thrown.
/// </summary>
internal sealed class GamePlayer(string who, ClientWebSocket socket, CancellationToken cancellationToken) : IDisposable
{
    private readonly List<string> _seen = [];

    public string Who { get; } = who;

    public ClientWebSocket Socket { get; } = socket;

    public WebSocketInbox Inbox { get; } = new(socket, cancellationToken);

    /// <summary>The seat of the welcome (X, O, spectator), once <see cref="WelcomeAsync"/> saw it.</summary>
    public string? Seat { get; private set; }

    /// <summary>The token of the welcome (players only).</summary>
    public string? Token { get; private set; }

    public static string NewGameId() => "g" + Guid.NewGuid().ToString("N")[..20];

    public static async Task<GamePlayer> ConnectAsync(CheckContext context, string who, string gameId, string? token = null)
    {
        var query = $"/ws/game?game={gameId}" + (token is null ? "" : $"&token={Uri.EscapeDataString(token)}");
        var socket = await WebSocketProbe.ConnectAsync(context.WsUrl(query), context.CancellationToken);
        return new GamePlayer(who, socket, context.CancellationToken);
    }

    /// <summary>Connects and waits for the welcome; throws (failing the check with the reason) without one.</summary>
    public static async Task<GamePlayer> JoinAsync(CheckContext context, string who, string gameId, string? token = null)
    {
        var player = await ConnectAsync(context, who, gameId, token);
        var (ok, observed, welcome) = await player.ExpectAsync(m => m.Type == "welcome");
        if (!ok)
        {
            player.Dispose();
            throw new InvalidOperationException($"expected a welcome: {observed}");
        }
        player.Seat = welcome!.Seat;
        player.Token = welcome.Token;
        return player;
    }

    /// <summary>Waits (at most <paramref name="within"/>, 4 s by default) for a message that satisfies <paramref name="match"/>.</summary>
    public async Task<(bool Ok, string Observed, GameMessage? Message)> ExpectAsync(Func<GameMessage, bool> match, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(4);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(limit);
        var from = _seen.Count;
        try
        {
            var hit = await Inbox.ReceiveUntilAsync(text => GameMessage.Parse(text) is { } m && match(m), _seen, wait.Token);
            if (hit is not null) return (true, $"{Who} got {WebSocketProbe.Describe(hit)}", GameMessage.Parse(hit));
            var closed = Socket.CloseStatus is { } status ? $" (close {(int)status})" : "";
            return (false, Inbox.Failure is { } broke
                ? $"{Who}'s connection broke ({broke.WebSocketErrorCode}) after {Seen(from)}"
                : $"{Who}'s connection closed{closed} after {Seen(from)}", null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"{Who} got {Seen(from)} within {limit.TotalSeconds:0} s", null);
        }
    }

    /// <summary>Waits for a state whose board is <paramref name="board"/>.</summary>
    public Task<(bool Ok, string Observed, GameMessage? Message)> ExpectBoardAsync(string board) =>
        ExpectAsync(m => m.Type == "state" && m.Board == board);

    public Task<(bool Ok, string Observed, GameMessage? Message)> ExpectErrorAsync() => ExpectAsync(m => m.Type == "error");

    /// <summary>True when any message so far (read by an expectation) was a state with this board.</summary>
    public bool HasSeenBoard(string board) => _seen.Any(t => GameMessage.Parse(t) is { Type: "state" } m && m.Board == board);

    public Task MoveAsync(int cell) =>
        WebSocketProbe.SendTextAsync(Socket, JsonSerializer.Serialize(new { type = "move", cell }), cancellationToken);

    public Task CloseAsync() => Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "leave", cancellationToken);

    /// <summary>The TCP connection goes away without a close frame, as when a laptop lid shuts.</summary>
    public void Vanish() => Socket.Abort();

    public void Dispose() => Socket.Dispose();

    private string Seen(int from)
    {
        var recent = _seen.Skip(from).ToList();
        return recent.Count == 0 ? "nothing" : string.Join(", ", recent.TakeLast(4).Select(WebSocketProbe.Describe));
    }
}
