using System.Text.RegularExpressions;
using Workshop.Playground.Features.Multiplayer;
using Workshop.Protocols.WebSockets;

// In the framework's namespace (the ASP.NET Core convention) so Program.cs needs no extra using.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The multiplayer feature: tic-tac-toe for two tabs at <c>/ws/game?game=&lt;id&gt;</c>.</summary>
internal static partial class TicTacToeEndpoints
{
    public static IServiceCollection AddTicTacToe(this IServiceCollection services) =>
        services.AddSingleton<TicTacToeServer>();

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
            var acceptor = context.RequestServices.GetRequiredService<RealtimeWebSocketAcceptor>();
            var connection = await acceptor.AcceptAsync(context);
            if (connection is null) return;
            await context.RequestServices.GetRequiredService<TicTacToeServer>()
                .RunAsync(gameId, connection, acceptor.ApplicationStopping);
        });

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex GameId();
}
