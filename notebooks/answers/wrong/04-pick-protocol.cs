// Your turn (04-pick-protocol): replace each "?" with "WebSocket", "SSE", "Webhook" or "Polling"
// Wrong: WebSocket for everything live, and polling where a webhook calls you.
var picks = new Dictionary<string, string>
{
    ["a two-player chess game in the browser"] = "WebSocket",
    ["live cricket scores on a news page"] = "WebSocket",
    ["Razorpay tells your server a payment was captured"] = "Polling",
    ["GitHub tells your CI server about a push"] = "Webhook",
    ["a support chat between a customer and an agent"] = "WebSocket",
    ["per-user notifications in a web app (new follower, new comment)"] = "WebSocket",
    ["a script without a public address checks once an hour whether a report is ready"] = "Polling",
    ["a read-only stock ticker for thousands of browsers"] = "WebSocket",
};
string PickProtocol(string scenario) => picks.ContainsValue("?") ? throw new NotImplementedException() : picks[scenario];
