// Lab 02: a chat room. Read ../README.md first, then work through the TODOs (Program.cs, ChatRoom.cs, wwwroot/chat.js).
// Check it: ./workshop check 02   (from the repository root)
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
    // TODO 1 (join): refuse a connection without a name (400 Bad Request) BEFORE accepting the WebSocket.

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    var member = new ChatMember(name, socket);
    var sending = member.RunSendLoopAsync(stopping.Token);
    room.Add(member);
    // TODO 1 (join): tell everyone, the newcomer included: room.Broadcast(new ChatEvent("join", name)).

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
            // TODO 2 (broadcast): this only answers the sender. Broadcast it to the room instead, and finish
            //        ChatRoom.Broadcast.
            member.Enqueue(System.Text.Json.JsonSerializer.Serialize(new ChatEvent("message", name, text), System.Text.Json.JsonSerializerOptions.Web));
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // TODO 3 (leave): a vanished client ends up here, not in the Close branch above. Make sure it leaves too.
        return;
    }

    // TODO 3 (leave): remove the member and broadcast new ChatEvent("leave", name) (in a finally, so every way
    //        out of the loop announces it).
    member.Complete();
    await sending;
    if (socket.State == WebSocketState.CloseReceived)
    {
        using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", closeTimeout.Token);
    }
});

app.Run();
