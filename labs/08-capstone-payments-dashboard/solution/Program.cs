// Lab 08 (capstone): a payments dashboard. Read ../README.md, then work through the TODOs
// (WebhookVerifier.cs, PaymentLedger.cs, OpsRoom.cs, wwwroot/app.js, RazorpayWebhook.cs). Check it: ./workshop check 08
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => new WebhookVerifier(
    builder.Configuration["Payments:WebhookSecret"] ?? throw new InvalidOperationException("Set Payments:WebhookSecret (a whsec_ secret)."),
    TimeSpan.FromSeconds(builder.Configuration.GetValue("Payments:ToleranceSeconds", 300)),
    services.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(new RazorpayVerifier(
    builder.Configuration["Payments:RazorpaySecret"] ?? throw new InvalidOperationException("Set Payments:RazorpaySecret (the Razorpay webhook secret).")));
builder.Services.AddSingleton<PaymentLedger>();
builder.Services.AddSingleton<OpsRoom>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
// A ping every 15 s; an operator whose pong does not come back within 10 s is dropped (the interval alone detects nothing).
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(10) });

// The gateway posts here. Given: reading the raw body (with a size limit) and the answers; yours: the TODOs it calls.
app.MapPost("/webhooks/payments", async (HttpContext context, WebhookVerifier verifier, PaymentLedger ledger, OpsRoom ops) =>
{
    if (await BoundedBody.ReadAsync(context.Request, context.RequestAborted) is not { } body)
    {
        return Results.Problem("The body is over 64 KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
    }
    if (verifier.Verify(context.Request.Headers, body) is { } why)
    {
        app.Logger.LogWarning("Webhook rejected: {Reason}", why); // the reason, never the signature
        return Results.Problem(why, statusCode: StatusCodes.Status401Unauthorized, title: "Webhook not authenticated");
    }
    var webhookId = context.Request.Headers["webhook-id"].ToString();
    if (Payment.TryParse(body, out var error) is not { } payment)
    {
        return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Not a payment event");
    }
    if (!ledger.Accept(webhookId, payment)) return Results.Ok(new { id = webhookId, duplicate = true });
    ops.Announce(payment);
    return Results.Ok(new { id = webhookId, duplicate = false });
});

// The same payments from a Razorpay-style gateway: its own headers and JSON, the same ledger, dashboard and chat.
app.MapRazorpayWebhook();

app.MapGet("/events", (HttpContext context, PaymentLedger ledger, IHostApplicationLifetime lifetime) =>
{
    context.Response.Headers.CacheControl = "no-cache";
    var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    context.Response.RegisterForDispose(stopping);
    long? lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : null;
    return TypedResults.ServerSentEvents(ledger.WatchAsync(lastEventId, stopping.Token));
});

app.Map("/ws/ops", async (HttpContext context, OpsRoom room, IHostApplicationLifetime lifetime) =>
{
    if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = StatusCodes.Status400BadRequest; return; }
    var name = context.Request.Query["name"].ToString().Trim();
    if (name.Length is 0 or > 32) { context.Response.StatusCode = StatusCodes.Status400BadRequest; return; }
    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
    await room.RunAsync(socket, name, stopping.Token);
});

app.Run();
