using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

/// <summary>
/// <c>/ws/game?game=ID[&amp;token=T]</c>: refuses what it cannot serve before the upgrade (400, 409, 503 with a
/// problem+json reason), then runs one receive loop per connection. A client sends <c>{"type":"move","cell":4}</c>.
/// </summary>
public static partial class GameEndpoint
{
    public static async Task HandleAsync(HttpContext context, GameLobby lobby, IOptions<GameOptions> options, IHostApplicationLifetime lifetime)
    {
        var gameId = context.Request.Query["game"].ToString();
        var token = context.Request.Query["token"].ToString();
        if (!context.WebSockets.IsWebSocketRequest || !GameId().IsMatch(gameId) || token.Length > 64)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "Expected a WebSocket upgrade with ?game= of 1-32 letters, digits, '-' or '_' (and a token of at most 64 characters).",
                extensions: new Dictionary<string, object?> { ["reason"] = "bad-request" }).ExecuteAsync(context);
            return;
        }
        var game = lobby.TryEnter(gameId, out var refusal);
        if (game is null)
        {
            if (refusal == "too-many-games") context.Response.Headers.RetryAfter = "30";
            await Results.Problem(statusCode: refusal == "game-full" ? StatusCodes.Status409Conflict : StatusCodes.Status503ServiceUnavailable,
                title: refusal == "game-full" ? "Game full" : "Too many games", detail: "Try another game id, or later.",
                extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
            return;
        }
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await PlayAsync(socket, game, token, options.Value.MaxMessageBytes, stopping.Token);
        }
        finally
        {
            lobby.Exit(game);
        }
    }

    private static async Task PlayAsync(WebSocket socket, Game game, string token, int maxBytes, CancellationToken stopping)
    {
        var client = new GameClient(socket);
        var sending = client.RunSendLoopAsync(stopping);
        game.Join(client, token.Length == 0 ? null : token);
        var tooBig = false;
        var buffer = new byte[1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, stopping);
                if (result.MessageType == WebSocketMessageType.Close) break;
                // Checked before buffering: the limit protects the memory, not only the parser.
                if (message.Length + result.Count > maxBytes)
                {
                    tooBig = true;
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var error = TryParseMove(message.ToArray(), out var cell) ?? game.Move(client, cell);
                message.SetLength(0);
                // Only the sender hears why: the others' boards did not change, so they have nothing to hear.
                if (error is not null) client.Enqueue(GameMessages.Error(error));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Vanished (no close frame) or the app is stopping: the finally still tells the game.
        }
        finally
        {
            game.Leave(client, saidGoodbye: socket.CloseStatus == WebSocketCloseStatus.NormalClosure);
            client.Complete();
        }
        // The send loop must finish before CloseAsync: a close frame is a send too, and there is one writer.
        await sending;
        using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (tooBig) await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are at most {maxBytes} bytes", closeTimeout.Token);
            else if (socket.State == WebSocketState.CloseReceived) await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", closeTimeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The peer is gone already: nothing left to say.
        }
    }

    private static string? TryParseMove(byte[] utf8, out int cell)
    {
        cell = -1;
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                return "expected a JSON object with a string 'type'";
            if (type.GetString() != "move") return "unknown type; the only one is 'move'";
            if (!root.TryGetProperty("cell", out var c) || !c.TryGetInt32(out cell)) return "a move needs an integer 'cell' (0..8)";
            return null;
        }
        catch (JsonException)
        {
            return "not valid JSON";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GameId();
}
