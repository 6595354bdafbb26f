using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Http;
using Workshop.Protocols.WebSockets.Batching;

namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Checks a request before the upgrade (426 for plain HTTP, 403 for a foreign Origin, 400 for an unsupported
/// subprotocol, 503 when the server holds <see cref="RealtimeWebSocketOptions.MaxConnections"/>, 429 when the client
/// holds <see cref="RealtimeWebSocketOptions.MaxConnectionsPerClient"/>, each with a problem+json reason) and
/// accepts it with the configured keep-alive.
/// </summary>
/// <remarks>
/// The connection's slot belongs to the request: it is taken before the upgrade and released when the request ends,
/// however it ends (closed, aborted, dropped, a handler that failed), so a closed connection always frees its slot.
/// </remarks>
public sealed class RealtimeWebSocketAcceptor(
    IOptions<RealtimeWebSocketOptions> options,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<RealtimeWebSocketAcceptor> logger)
{
    /// <summary>Fires when the application starts stopping: pass it to <see cref="WebSocketConnection.RunAsync"/>.</summary>
    public CancellationToken ApplicationStopping => lifetime.ApplicationStopping;

    private readonly ConnectionSlots _slots = new();

    /// <summary>WebSocket connections accepted by this acceptor whose request has not ended yet.</summary>
    public int OpenConnections => _slots.Open;

    /// <summary>
    /// Accepts the request as a WebSocket, or writes the refusal and returns null.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="subProtocol">
    /// The subprotocol this endpoint speaks, or null for none. A client offering subprotocols without this one is
    /// refused with 400; a client offering none is accepted without one.
    /// </param>
    public async Task<WebSocketConnection?> AcceptAsync(HttpContext context, string? subProtocol = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.Headers.Upgrade = "websocket";
            await RefuseAsync(context, StatusCodes.Status426UpgradeRequired, "upgrade-required", "Upgrade Required",
                "This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket).");
            return null;
        }
        if (!OriginPolicy.IsAllowed(context.Request, settings.AllowedOrigins))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "origin-not-allowed", "Origin not allowed",
                $"Origin '{context.Request.Headers.Origin}' is not allowed to open a WebSocket here.");
            return null;
        }
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        string? chosen = null;
        if (offered.Count > 0 && subProtocol is not null)
        {
            if (!offered.Contains(subProtocol, StringComparer.Ordinal))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "unsupported-subprotocol", "Unsupported subprotocol",
                    $"This endpoint speaks '{subProtocol}'; the client offered '{string.Join(", ", offered)}'.");
                return null;
            }
            chosen = subProtocol;
        }
        if (!await TryTakeSlotAsync(context, settings)) return null;

        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = chosen,
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        var connection = new WebSocketConnection(socket, settings, timeProvider, logger, context.RequestAborted);
        connection.UseBatching((context.Features.Get<IHttpUpgradeFeature>() as BatchingUpgradeFeature)?.Stream);
        WebSocketLog.Accepted(logger, connection.Id, context.Request.Path, chosen ?? "none");
        return connection;
    }

    private async Task<bool> TryTakeSlotAsync(HttpContext context, RealtimeWebSocketOptions settings)
    {
        var lease = _slots.TryAcquire(ClientPartition.KeyOf(context), settings.MaxConnections, settings.MaxConnectionsPerClient, out var refusal);
        if (lease is not null)
        {
            // Disposed when the request ends, whatever way: the one place a slot is given back.
            context.Response.RegisterForDispose(lease);
            return true;
        }
        var open = _slots.Open;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(settings.ConnectionRetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (refusal == SlotRefusal.ServerFull)
        {
            WebSocketLog.CapReached(logger, context.Request.Path, StatusCodes.Status503ServiceUnavailable, "server-full", open);
            await ProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "server-full", "Server full",
                $"The server holds its maximum of {settings.MaxConnections} WebSocket connections; try again later.");
        }
        else
        {
            WebSocketLog.CapReached(logger, context.Request.Path, StatusCodes.Status429TooManyRequests, "too-many-connections", open);
            await ProblemAsync(context, StatusCodes.Status429TooManyRequests, "too-many-connections", "Too many connections",
                $"At most {settings.MaxConnectionsPerClient} WebSocket connections per client; close one first.");
        }
        return false;
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason, string title, string detail)
    {
        WebSocketLog.Refused(logger, context.Request.Path, status, detail);
        await ProblemAsync(context, status, reason, title, detail);
    }

    private static async Task ProblemAsync(HttpContext context, int status, string reason, string title, string detail)
    {
        await HttpProblems.WriteAsync(context, status, reason, title, detail);
    }
}
