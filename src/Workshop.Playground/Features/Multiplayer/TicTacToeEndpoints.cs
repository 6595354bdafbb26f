using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Workshop.Playground.Features.Multiplayer;
using Workshop.Playground.Features.Security;
using Workshop.Protocols.Http;
using Workshop.Protocols.Redis;
using Workshop.Protocols.WebSockets;

// In the framework's namespace (the ASP.NET Core convention) so Program.cs needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The multiplayer feature: tic-tac-toe for two tabs at <c>/ws/game?game=&lt;id&gt;[&amp;token=&lt;token&gt;]</c>.</summary>
internal static partial class TicTacToeEndpoints
{
    public static IServiceCollection AddTicTacToe(this IServiceCollection services)
    {
        services.AddOptions<TicTacToeOptions>()
            .BindConfiguration(TicTacToeOptions.SectionName)
            .Validate(o => o.MaxGames > 0 && o.MaxGamesPerClient > 0 && o.MaxSpectatorsPerGame >= 0 && o.MaxMessageBytes > 0 && o.ReconnectGrace > TimeSpan.Zero,
                "Multiplayer: MaxGames, MaxGamesPerClient, MaxMessageBytes and ReconnectGrace must be positive, MaxSpectatorsPerGame not negative.")
            .ValidateOnStart();
        services.AddSingleton<TicTacToeServer>();
        // Games in Redis exactly when the WebSocket hubs are (resolved at first use, so the order of AddTicTacToe and
        // AddRedisBackplane does not matter); in memory otherwise.
        return services.AddSingleton(sp => new TicTacToeBackend(
            sp.GetService<IHubBackplane>() is RedisHubBackplane && sp.GetService<RedisBackplaneConnection>() is { } redis
                ? ActivatorUtilities.CreateInstance<RedisTicTacToeServer>(sp, redis) : null));
    }

    public static IEndpointConventionBuilder MapTicTacToe(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.Map(pattern, async context =>
        {
            var gameId = context.Request.Query["game"].ToString();
            if (!GameId().IsMatch(gameId))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad game id",
                    detail: "Query parameter 'game' must be 1-32 letters, digits, '-' or '_'.",
                    extensions: new Dictionary<string, object?> { ["reason"] = "bad-game-id" }).ExecuteAsync(context);
                return;
            }
            // A player's token is 32 hex digits: anything longer is not one, and not worth comparing.
            var token = context.Request.Query["token"].ToString();
            if (token.Length > 64)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad token",
                    detail: "Query parameter 'token' is at most 64 characters.",
                    extensions: new Dictionary<string, object?> { ["reason"] = "bad-token" }).ExecuteAsync(context);
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
        if (refusal == "game-full")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Game full",
                detail: $"This game already has its 2 players and {options.MaxSpectatorsPerGame} spectators; pick another game id.",
                extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
        }
        context.Response.Headers.RetryAfter = "30";
        if (refusal == "too-many-games-from-client")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many games from your address",
                detail: $"Your address has {options.MaxGamesPerClient} games open (a game a player vanished from stays open for its grace); join one or try again later.",
                extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
        }
        if (refusal == "rate-limited")
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(context.RequestServices.GetRequiredService<IOptions<PlaygroundRateLimitOptions>>().Value.GameUpgrades.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many game connections",
                detail: "Your address opened too many game connections in this window (counted on every instance); try again later.",
                extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
        }
        if (refusal == "game-unavailable")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Games unavailable",
                detail: "The games are shared through Redis, which does not answer now; try again later.",
                extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many games",
            detail: $"The server holds its maximum of {options.MaxGames} games; try again later.",
            extensions: new Dictionary<string, object?> { ["reason"] = refusal }).ExecuteAsync(context);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GameId();
}
