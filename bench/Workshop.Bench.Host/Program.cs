using Workshop.Bench.Host;

// The reference library's own building blocks, mapped the way docs/websockets.md and docs/server-sent-events.md
// show for "your own endpoint", so the benchmark measures library code and not bench code:
//   ws://HOST/ws/echo        MapWebSocketEcho (as in the playground)
//   ws://HOST/ws/broadcast   every message to every connection (one WebSocketHub room)
//   GET  /events             MapServerSentEvents on the topic "bench" (hello line as in the playground)
//   POST /events/publish     the request body (text) published to that topic as one event
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRealtimeWebSockets(builder.Configuration);
builder.Services.AddServerSentEvents(builder.Configuration);
builder.Services.AddSingleton<Workshop.Protocols.WebSockets.WebSocketHub>();

var app = builder.Build();
app.MapWebSocketEcho("/ws/echo");
app.MapBroadcastAll("/ws/broadcast");
app.MapServerSentEvents("/events", BenchEndpoints.SseTopic, o => o.HelloData = "Hello from server");
app.MapSsePublish("/events/publish");
app.Run();
