// Your turn (04-pick-protocol): replace each "?" with "WebSocket", "SSE", "Webhook" or "Polling"
var picks = new Dictionary<string, string>
{
    ["a two-player chess game in the browser"] = "WebSocket",              // both players send, both must see at once
    ["live cricket scores on a news page"] = "SSE",                        // server to browser only, reconnects by itself
    ["Razorpay tells your server a payment was captured"] = "Webhook",     // another company's server calls your URL
    ["GitHub tells your CI server about a push"] = "Webhook",
    ["a support chat between a customer and an agent"] = "WebSocket",
    ["per-user notifications in a web app (new follower, new comment)"] = "SSE",
    ["a script without a public address checks once an hour whether a report is ready"] = "Polling",
    ["a read-only stock ticker for thousands of browsers"] = "SSE",        // WebSocket works too; nothing goes upstream
};
string PickProtocol(string scenario) => picks.ContainsValue("?") ? throw new NotImplementedException() : picks[scenario];
