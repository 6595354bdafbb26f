// Lab 01 solved: the brief's WebSocket server in C#.
using System.Net.WebSockets;
using System.Text;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.UseWebSockets();

app.Map("/ws/echo", async (HttpContext context, IHostApplicationLifetime lifetime) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    // Why a linked token: the loop must end when the client goes away AND when the app shuts down.
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    var token = stopping.Token;

    // TODO 1 solved: the first thing the client hears is the welcome (the brief's socket.send("Welcome!")).
    await socket.SendAsync(Encoding.UTF8.GetBytes("Welcome!"), WebSocketMessageType.Text, endOfMessage: true, token);

    // TODO 2 solved: why a MemoryStream: one message may arrive as many frames; only EndOfMessage ends it.
    // Only this loop ever sends on the socket, so there is one writer: two SendAsync calls never overlap.
    var buffer = new byte[4096];
    using var message = new MemoryStream();
    try
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // TODO 3 solved: why: answering the close frame completes the handshake; dropping the TCP
                // connection instead shows up in the browser as code 1006 (abnormal closure).
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", token);
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            await socket.SendAsync(message.ToArray(), result.MessageType, endOfMessage: true, token);
            message.SetLength(0);
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // The client vanished or the app is stopping: nothing left to say to anyone.
    }
});

app.Run();
