// Lab 03 solved: a connection that survives the real world.
using System.Net.WebSockets;

const int MaxMessageBytes = 64 * 1024;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<LiveConnections>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
// TODO 3 solved: why both: the interval makes the server ping (keeping NATs and proxies from timing out an idle
// connection); the timeout turns a missing pong into a dropped connection, so a dead peer does not linger for hours.
// 1 s / 2 s are teaching values that a check can observe; production uses tens of seconds.
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(1), KeepAliveTimeout = TimeSpan.FromSeconds(2) });

app.MapPost("/admin/drop", (LiveConnections connections) => Results.Ok(new { dropped = connections.DropAll() }));

app.Map("/ws/live", async (HttpContext context, LiveConnections connections, IHostApplicationLifetime lifetime, ILogger<LiveConnections> logger) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    // TODO 2 solved: why: cookies ride along on a WebSocket handshake from ANY site (no CORS for WebSockets), so
    // without this check evil.example could open a socket as the logged-in user. No Origin = not a browser.
    var origin = context.Request.Headers.Origin.ToString();
    if (origin.Length > 0 && !string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
    {
        logger.LogWarning("Refused a WebSocket from origin {Origin}", origin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    connections.Add(socket);
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    try
    {
        await socket.SendAsync("Welcome!"u8.ToArray(), WebSocketMessageType.Text, true, stopping.Token);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, stopping.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", stopping.Token);
                return;
            }
            // TODO 1 solved: why check before writing: the limit must hold while the message is still arriving,
            // not after the whole (possibly endless) message has been buffered.
            if (message.Length + result.Count > MaxMessageBytes)
            {
                using var closeTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                closeTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {MaxMessageBytes} bytes", closeTimeout.Token);
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            await socket.SendAsync(message.ToArray(), WebSocketMessageType.Text, true, stopping.Token);
            message.SetLength(0);
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // Dropped, dead (keep-alive timeout) or shutting down.
    }
    finally
    {
        connections.Remove(socket);
    }
});

app.Run();
