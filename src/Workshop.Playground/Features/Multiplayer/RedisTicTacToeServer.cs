using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workshop.Playground.Features.Security;
using Workshop.Protocols.Redis;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>
/// Tic-tac-toe across instances: each game lives in Redis and every rule and bound is checked by one Lua script
/// (<see cref="TicTacToeScripts"/>), so players and spectators may sit on any instance with no sticky sessions.
/// Every change is published on <c>{prefix}game</c>; each instance sends the new state to its own members of that
/// game. An instance with members in a game settles it every presence interval (a dead instance's players become
/// away, their grace starts) and when a grace ends. No Redis call is made under the lock.
/// </summary>
/// <remarks>
/// Redis may blip, and pub/sub delivers at most once, so the same sweep repairs what a blip lost: it retries the
/// releases that did not reach Redis (else a dead connection would keep its seat for good), resends the current
/// snapshot to members whose last one is older (a missed message), and closes with 1012 the members of a game Redis
/// no longer knows (restarted empty), so their pages reconnect to a fresh game instead of waiting.
/// </remarks>
internal sealed partial class RedisTicTacToeServer : IDisposable
{
    private readonly RedisBackplaneConnection _redis;
    private readonly IOptions<TicTacToeOptions> _options;
    private readonly IOptions<PlaygroundRateLimitOptions> _limits;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TicTacToeLocalGame> _games = new(StringComparer.Ordinal);
    // Releases that did not reach Redis (game, connection → goodbye), retried by the sweep until Redis answers.
    private readonly ConcurrentDictionary<(string Game, string Connection), bool> _unreleased = new();
    private readonly IDisposable _subscription;
    private readonly ITimer _sweep;
    private long _connections;
    private int _sweeping;

    public RedisTicTacToeServer(RedisBackplaneConnection redis, IOptions<TicTacToeOptions> options,
        IOptions<PlaygroundRateLimitOptions> limits, ILogger<RedisTicTacToeServer> logger, TimeProvider time)
    {
        _redis = redis;
        _options = options;
        _limits = limits;
        _logger = logger;
        _time = time;
        _subscription = redis.Subscribe(RedisChannel.Literal(redis.KeyPrefix + "game"), OnPublished);
        _sweep = time.CreateTimer(_ => _ = SweepAsync(), null, redis.PresenceInterval, redis.PresenceInterval);
    }

    private string Self => _redis.InstanceId.ToString("N");

    /// <summary>A new connection id, <c>{instance}/{n}</c>: the scripts tell a dead instance's connections by it.</summary>
    public string NewConnectionId() => $"{Self}/{Interlocked.Increment(ref _connections)}";

    /// <summary>Reserves a place before the upgrade: null, or the refusal (as the in-memory server's, plus <c>rate-limited</c> and <c>game-unavailable</c>).</summary>
    public async Task<string?> ReserveAsync(string gameId, string connection, string? token, string client)
    {
        var settings = _options.Value;
        var upgrades = _limits.Value.GameUpgrades;
        var result = await EvaluateAsync(TicTacToeScripts.Reserve, gameId,
            client, Hash(token), connection, settings.MaxGames, settings.MaxGamesPerClient, settings.MaxSpectatorsPerGame,
            upgrades.PermitLimit, (long)upgrades.Window.TotalMilliseconds);
        return result is null ? "game-unavailable" : (string)result! is "p" or "s" ? null : (string)result!;
    }

    /// <summary>Seats the connection (by <paramref name="token"/> when it holds one) and plays until it ends.</summary>
    public async Task RunAsync(string gameId, string connectionId, WebSocketConnection connection, string? token, CancellationToken stopping)
    {
        var member = new TicTacToeLocalGame.Member(connectionId, connection);
        lock (_gate)
        {
            if (!_games.TryGetValue(gameId, out var game)) _games[gameId] = game = new TicTacToeLocalGame();
            game.Members.Add(member);
        }
        try
        {
            var fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var result = await EvaluateAsync(TicTacToeScripts.Seat, gameId, connectionId, Hash(token), Hash(fresh));
            var seated = result is null ? null : (RedisResult[])result!;
            if (seated is null || seated.Length < 3 || TicTacToeSnapshot.Parse((string)seated[2]!) is not { } snapshot)
            {
                connection.Close(WebSocketCloseStatus.InternalServerError, "the game server is unavailable; try again");
                return;
            }
            var seat = (string)seated[0]!;
            var secret = seat == "spectator" ? null : (long)seated[1] == 1 ? fresh : token;
            lock (_gate)
            {
                connection.TrySend(TicTacToeMessages.Welcome(seat, secret));
                member.Ready = true;
                member.Deliver(snapshot);
                if (member.Pending is { } pending) member.Deliver(pending);
                member.Pending = null;
            }
            await connection.RunAsync((message, _) => HandleAsync(gameId, connectionId, connection, message), stopping);
        }
        finally
        {
            lock (_gate)
            {
                var game = _games[gameId];
                game.Members.Remove(member);
                if (game.Members.Count == 0)
                {
                    game.Grace?.Dispose();
                    _games.Remove(gameId);
                }
            }
        }
    }

    /// <summary>Releases the connection's place (and its seat: a goodbye ends the game, anything else starts the grace).</summary>
    public async Task LeaveAsync(string gameId, string connectionId, bool goodbye)
    {
        if (await EvaluateAsync(TicTacToeScripts.Leave, gameId, connectionId, goodbye ? "1" : "0") is not null) return;
        // Lost in a blip: this instance stays alive, so nothing else would ever let go of the seat.
        _unreleased[(gameId, connectionId)] = goodbye;
        LogReleaseDeferred(_logger, gameId, connectionId);
    }

    /// <summary>Releases not yet confirmed by Redis (for tests and logs).</summary>
    internal int UnreleasedCount => _unreleased.Count;

    private async ValueTask HandleAsync(string gameId, string connectionId, WebSocketConnection connection, IncomingMessage message)
    {
        var limit = _options.Value.MaxMessageBytes;
        if (message.Data.Length > limit)
        {
            connection.Close(WebSocketCloseStatus.MessageTooBig, $"game messages are at most {limit} bytes");
            return;
        }
        var error = TicTacToeServer.TryParse(message, out var type, out var cell);
        if (error is null && type is not ("move" or "reset")) error = $"unknown type '{type}'; expected move or reset";
        if (error is null)
        {
            var played = await EvaluateAsync(TicTacToeScripts.Play, gameId, connectionId, type, cell);
            error = played is null ? "the game server is unavailable; try again" : (string)played! is { Length: > 0 } refused ? refused : null;
        }
        if (error is null) return;
        LogRefused(_logger, gameId, error);
        connection.TrySend(TicTacToeMessages.Error(error));
    }

    private Task OnPublished(ChannelMessage message)
    {
        if (TicTacToeSnapshot.Parse(message.Message.ToString()) is not { } snapshot) return Task.CompletedTask;
        lock (_gate)
        {
            if (!_games.TryGetValue(snapshot.GameId, out var game)) return Task.CompletedTask;
            foreach (var member in game.Members) member.Deliver(snapshot);
            // Every instance with members times the end of a grace: the vanished player's own instance may be dead.
            game.Grace?.Dispose();
            game.Grace = snapshot.GraceEnds is { } end
                ? _time.CreateTimer(_ => _ = TickAsync(snapshot.GameId), null, TimeSpan.FromMilliseconds(Math.Max(0, end - snapshot.Now) + 20), Timeout.InfiniteTimeSpan)
                : null;
        }
        return Task.CompletedTask;
    }

    private async Task SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1) return; // the previous sweep still runs (Redis slow)
        try
        {
            string[] games;
            lock (_gate) games = [.. _games.Keys];
            foreach (var ((game, connection), goodbye) in _unreleased)
            {
                if (await EvaluateAsync(TicTacToeScripts.Leave, game, connection, goodbye ? "1" : "0") is null) return; // still away
                _unreleased.TryRemove((game, connection), out _);
                LogReleased(_logger, game, connection);
            }
            foreach (var game in games) await TickAsync(game);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>Settles the game; resends its snapshot to members behind it, or closes them when Redis forgot the game.</summary>
    private async Task TickAsync(string gameId)
    {
        if (await EvaluateAsync(TicTacToeScripts.Tick, gameId) is not { } result || result.Resp2Type != ResultType.Array) return;
        var answer = (RedisResult[])result!;
        var snapshot = answer.Length == 2 ? TicTacToeSnapshot.Parse((string)answer[1]!) : null;
        var gone = answer.Length > 0 && (string)answer[0]! == "gone";
        lock (_gate)
        {
            if (!_games.TryGetValue(gameId, out var game)) return;
            foreach (var member in game.Members)
            {
                if (gone && member.Ready) member.Connection.Close(ServiceRestart, "the game server restarted and lost this game; reconnect to start a new one");
                else if (snapshot is not null) member.Deliver(snapshot); // nothing when the member has it already
            }
        }
        if (gone) LogGone(_logger, gameId);
    }

    // 1012 (service restart), which WebSocketCloseStatus does not name: the client may reconnect at once.
    private const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    /// <summary>Runs a script with the common arguments; null (logged) when Redis is unreachable or too slow.</summary>
    private async Task<RedisResult?> EvaluateAsync(string script, string gameId, params RedisValue[] arguments)
    {
        if (!_redis.IsConnected) return null;
        var grace = (long)_options.Value.ReconnectGrace.TotalMilliseconds;
        RedisValue[] values = [_redis.KeyPrefix, gameId, grace, grace + (long)_redis.HeartbeatTtl.TotalMilliseconds, Self, .. arguments];
        try
        {
            return await _redis.Database.ScriptEvaluateAsync(script, null, values);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(_logger, gameId, e.GetType().Name, e);
            return null;
        }
    }

    // Redis keeps only a hash of a token: a comparison in Lua (not constant-time) then reveals nothing worth timing.
    private static string Hash(string? token)
        => string.IsNullOrEmpty(token) ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Dispose()
    {
        _sweep.Dispose();
        _subscription.Dispose();
        lock (_gate) foreach (var game in _games.Values) game.Grace?.Dispose();
    }

    [LoggerMessage(4, LogLevel.Warning, "Game {GameId}: the release of {Connection} did not reach Redis; the sweep retries it")]
    private static partial void LogReleaseDeferred(ILogger logger, string gameId, string connection);

    [LoggerMessage(5, LogLevel.Information, "Game {GameId}: released {Connection} after Redis came back")]
    private static partial void LogReleased(ILogger logger, string gameId, string connection);

    [LoggerMessage(6, LogLevel.Warning, "Game {GameId}: Redis no longer knows the game (restarted empty?); its connections here are closed with 1012")]
    private static partial void LogGone(ILogger logger, string gameId);

    [LoggerMessage(2, LogLevel.Debug, "Game {GameId}: refused a message: {Reason}")]
    private static partial void LogRefused(ILogger logger, string gameId, string reason);

    [LoggerMessage(3, LogLevel.Error, "Game {GameId}: Redis unreachable ({Failure}); the game cannot go on until it returns")]
    private static partial void LogUnavailable(ILogger logger, string gameId, string failure, Exception exception);
}
