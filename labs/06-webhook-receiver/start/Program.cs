// Lab 06: a webhook receiver for GitHub pushes and Razorpay payments. Read ../README.md, then work through the
// TODOs (Signatures.cs, WebhookEndpoint.cs, ReceivedEvents.cs, wwwroot/app.js). Check it: ./workshop check 06
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<ReceivedEvents>();
var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

// The brief's Express seed was app.post("/webhook", (req, res) => { console.log(req.body); res.sendStatus(200); }).
// Here there is one endpoint per provider, because each signs differently.
var config = app.Configuration;
app.MapPost("/webhooks/github", (HttpContext context, ReceivedEvents events) =>
    WebhookEndpoint.HandleAsync(context, events, WebhookSource.GitHub(config["Webhooks:GitHub:Secret"]!), config.GetValue("Webhooks:MaxBodyBytes", 65536)));
app.MapPost("/webhooks/razorpay", (HttpContext context, ReceivedEvents events) =>
    WebhookEndpoint.HandleAsync(context, events, WebhookSource.Razorpay(config["Webhooks:Razorpay:Secret"]!), config.GetValue("Webhooks:MaxBodyBytes", 65536)));

// What the page shows (it polls): every event that had its effect, newest first.
app.MapGet("/api/events", (ReceivedEvents events) => events.Snapshot());

app.Run();
