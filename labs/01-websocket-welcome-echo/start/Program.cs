// Lab 01: the brief's WebSocket server in C#. Read ../README.md first, then work through the TODOs.
// Run it:   dotnet run            (then open the URL it prints)
// Check it: ./workshop check 01   (from the repository root)
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
    // Pass `token` to every ReceiveAsync/SendAsync/CloseAsync: it ends when the client goes away or the app stops.
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    var token = stopping.Token;

    // TODO 1 (welcome): send the text message "Welcome!" as soon as the client is connected,
    //        like the brief's `socket.send("Welcome!")`.

    // TODO 2 (echo): loop: receive a whole text message (it may arrive in several frames: keep reading until
    //        EndOfMessage) and send the same text back. Stop when the client sends a close frame.

    // TODO 3 (close): when the client closes, answer with CloseAsync(NormalClosure) so the handshake completes.
    //        Right now the handler returns at once, and the connection is simply dropped.
});

app.Run();
