// Lab 03: make the connection survive the real world. Read ../README.md, then work through the TODOs
// (Program.cs and wwwroot/app.js). Check it: ./workshop check 03
using System.Net.WebSockets;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<LiveConnections>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
// TODO 3 (keepalive): ping every client every second and drop one that has not answered for 2 s:
//        new WebSocketOptions { KeepAliveInterval = ..., KeepAliveTimeout = ... }. Both: the interval alone
//        sends unsolicited pongs and never notices a dead peer; the timeout is what drops it.
app.UseWebSockets();

app.MapPost("/admin/drop", (LiveConnections connections) => Results.Ok(new { dropped = connections.DropAll() }));

app.Map("/ws/live", async (HttpContext context, LiveConnections connections, IHostApplicationLifetime lifetime) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    // TODO 2 (origin): a browser always sends Origin. When it is present and is not this site's own origin
    //        ($"{context.Request.Scheme}://{context.Request.Host}"), answer 403 Forbidden and do not accept.

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
            message.Write(buffer, 0, result.Count);
            // TODO 1 (limit): a client can send an endless message and fill the server's memory. When the message
            //        passes 64 KB (64 * 1024 bytes), close with WebSocketCloseStatus.MessageTooBig (1009) and stop.
            if (!result.EndOfMessage) continue;
            await socket.SendAsync(message.ToArray(), WebSocketMessageType.Text, true, stopping.Token);
            message.SetLength(0);
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // Dropped, dead or shutting down.
    }
    finally
    {
        connections.Remove(socket);
    }
});

app.Run();
