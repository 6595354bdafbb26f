using System.Globalization;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Workshop.Playground.Features.Security;
using Workshop.Protocols.Http;
using Workshop.Protocols.Redis;
using Workshop.Protocols.WebSockets;

namespace Workshop.Playground.Features.Multiplayer;

/// <summary>The multiplayer feature: tic-tac-toe for two tabs at <c>/ws/game?game=&lt;id&gt;[&amp;token=&lt;token&gt;]</c>.</summary>
public static partial class MultiplayerFeature
{
    /// <summary>Adds the game options (validated on start) and the game server: in Redis with a backplane, else in memory.</summary>
    public static IServiceCollection AddMultiplayer(this IServiceCollection services)
    {
        services.AddOptions<TicTacToeOptions>()
            .BindConfiguration(TicTacToeOptions.SectionName)
            .Validate(o => o.MaxGames > 0 && o.MaxGamesPerClient > 0 && o.MaxSpectatorsPerGame >= 0 && o.MaxMessageBytes > 0 && o.ReconnectGrace > TimeSpan.Zero,
                "Multiplayer: MaxGames, MaxGamesPerClient, MaxMessageBytes and ReconnectGrace must be positive, MaxSpectatorsPerGame not negative.")
            .ValidateOnStart();
        services.AddSingleton<TicTacToeServer>();
        // Games in Redis exactly when the WebSocket hubs are (resolved at first use, so the order of AddMultiplayer and
        // AddRedisBackplane does not matter); in memory otherwise.
        return services.AddSingleton(sp => new TicTacToeBackend(
            sp.GetService<IHubBackplane>() is RedisHubBackplane && sp.GetService<RedisBackplaneConnection>() is { } redis
                ? ActivatorUtilities.CreateInstance<RedisTicTacToeServer>(sp, redis) : null));
    }

    /// <summary><c>/ws/game</c>: the game's WebSocket, rate limited per client before any place is reserved.</summary>
    public static IEndpointConventionBuilder MapMultiplayer(this IEndpointRouteBuilder endpoints, string pattern = "/ws/game") =>
        endpoints.Map(pattern, async context =>
        {
            var gameId = context.Request.Query["game"].ToString();
            if (!GameId().IsMatch(gameId))
            {
                await HttpProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "bad-game-id", "Bad game id",
                    "Query parameter 'game' must be 1-32 letters, digits, '-' or '_'.");
                return;
            }
            // A player's token is 32 hex digits: anything longer is not one, and not worth comparing.
            var token = context.Request.Query["token"].ToString();
            if (token.Length > 64)
            {
                await HttpProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "bad-token", "Bad token",
                    "Query parameter 'token' is at most 64 characters.");
                return;
            }
            var client = ClientPartition.KeyOf(context);
            if (context.RequestServices.GetRequiredService<TicTacToeBackend>().Shared is { } shared)
            {
                await PlaySharedAsync(context, shared, gameId, token.Length == 0 ? null : token, client);
                return;
            }
            var server = context.RequestServices.GetRequiredService<TicTacToeServer>();
            // The place is reserved before the upgrade and held by this request until it ends, however it ends.
            using var reservation = server.TryReserve(gameId, out var refusal, token.Length == 0 ? null : token, client);
            if (reservation is null)
            {
                await RefuseAsync(context, refusal!);
                return;
            }
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            await server.RunAsync(reservation, connection, token.Length == 0 ? null : token, acceptor.ApplicationStopping);
        }).RequireRateLimiting(RateLimitPolicies.GameUpgrades); // before the reservation: a refused upgrade holds no place

    /// <summary>A game shared through Redis: the place is reserved before the upgrade and released when the request ends, however it ends.</summary>
    private static async Task PlaySharedAsync(HttpContext context, RedisTicTacToeServer shared, string gameId, string? token, string client)
    {
        var id = shared.NewConnectionId();
        if (await shared.ReserveAsync(gameId, id, token, client) is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return;
        }
        WebSocketConnection? connection = null;
        try
        {
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            await shared.RunAsync(gameId, id, connection, token, acceptor.ApplicationStopping);
        }
        finally
        {
            await shared.LeaveAsync(gameId, id, connection?.PeerCloseStatus == WebSocketCloseStatus.NormalClosure);
        }
    }

    private static Task RefuseAsync(HttpContext context, string refusal)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<TicTacToeOptions>>().Value;
        const int conflict = StatusCodes.Status409Conflict, tooMany = StatusCodes.Status429TooManyRequests, unavailable = StatusCodes.Status503ServiceUnavailable;
        if (refusal == "game-full")
            return HttpProblems.WriteAsync(context, conflict, refusal, "Game full",
                $"This game already has its 2 players and {options.MaxSpectatorsPerGame} spectators; pick another game id.");
        context.Response.Headers.RetryAfter = "30";
        return refusal switch
        {
            "too-many-games-from-client" => HttpProblems.WriteAsync(context, tooMany, refusal, "Too many games from your address",
                $"Your address has {options.MaxGamesPerClient} games open (a game a player vanished from stays open for its grace); join one or try again later."),
            "rate-limited" => RefuseRateLimitedAsync(context, refusal),
            "game-unavailable" => HttpProblems.WriteAsync(context, unavailable, refusal, "Games unavailable",
                "The games are shared through Redis, which does not answer now; try again later."),
            _ => HttpProblems.WriteAsync(context, unavailable, refusal, "Too many games",
                $"The server holds its maximum of {options.MaxGames} games; try again later."),
        };
    }

    private static Task RefuseRateLimitedAsync(HttpContext context, string refusal)
    {
        var window = context.RequestServices.GetRequiredService<IOptions<PlaygroundRateLimitOptions>>().Value.GameUpgrades.Window;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return HttpProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal, "Too many game connections",
            "Your address opened too many game connections in this window (counted on every instance); try again later.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GameId();
}
