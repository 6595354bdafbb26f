using Workshop.Bench.Host;

// The reference library's own building blocks, mapped the way docs/websockets.md and docs/server-sent-events.md
// show for "your own endpoint", so the benchmark measures library code and not bench code:
//   ws://HOST/ws/echo        MapWebSocketEcho (as in the playground)
//   ws://HOST/ws/broadcast   every message to every connection (one WebSocketHub room)
//   GET  /events             MapServerSentEvents on the topic "bench" (hello line as in the playground)
//   POST /events/publish     the request body (text) published to that topic as one event
// With Redis__Configuration set (the bench's two-instance scale-out set-up), the hub and the topic use the Redis
// backplane registered by AddRedisBackplane (Workshop.Protocols.Redis); otherwise both stay in memory.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRealtimeWebSockets(builder.Configuration);
builder.Services.AddServerSentEvents(builder.Configuration);
builder.Services.AddRedisBackplane(builder.Configuration);
// The hub takes the backplane the configuration chose (in memory unless Redis is configured); its parameterless
// constructor would always be in memory.
builder.Services.AddSingleton(sp => new Workshop.Protocols.WebSockets.WebSocketHub(
    sp.GetRequiredService<Workshop.Protocols.WebSockets.IHubBackplane>(), "bench"));

var app = builder.Build();
app.MapWebSocketEcho("/ws/echo");
app.MapBroadcastAll("/ws/broadcast");
app.MapServerSentEvents("/events", BenchEndpoints.SseTopic, o => o.HelloData = "Hello from server");
app.MapSsePublish("/events/publish");
app.Run();
