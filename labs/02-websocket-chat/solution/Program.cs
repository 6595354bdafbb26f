// Lab 02 solved: a chat room.
using System.Net.WebSockets;
using System.Text;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ChatRoom>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.UseWebSockets();

app.Map("/ws/chat", async (HttpContext context, ChatRoom room, IHostApplicationLifetime lifetime) =>
{
    if (!context.WebSockets.IsWebSocketRequest)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }
    var name = context.Request.Query["name"].ToString().Trim();
    // TODO 1 solved: why before accepting: once the socket is accepted the only way to say no is a close frame;
    // before, a plain 400 tells the browser (and the logs) exactly what was wrong.
    if (name.Length is 0 or > 32)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    var member = new ChatMember(name, socket);
    var sending = member.RunSendLoopAsync(stopping.Token);
    room.Add(member);
    // TODO 1 solved: why after Add: the newcomer is in the room, so they see their own join (proof they are in).
    room.Broadcast(new ChatEvent("join", name));

    var buffer = new byte[4096];
    using var message = new MemoryStream();
    try
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, stopping.Token);
            if (result.MessageType == WebSocketMessageType.Close) break;
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(message.ToArray());
            message.SetLength(0);
            // TODO 2 solved: why through the room: every member's queue gets it, the sender's too.
            room.Broadcast(new ChatEvent("message", name, text));
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // The client vanished (no close frame) or the app is stopping; the finally below still runs.
    }
    finally
    {
        // TODO 3 solved: why finally: a close frame, a dead connection and a shutdown all leave the same way.
        room.Remove(member);
        room.Broadcast(new ChatEvent("leave", name));
        member.Complete();
    }

    // The send loop must finish before CloseAsync: CloseAsync sends a frame too, and there is one writer at a time.
    await sending;
    if (socket.State == WebSocketState.CloseReceived)
    {
        using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", closeTimeout.Token);
    }
});

app.Run();
