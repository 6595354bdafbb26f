// Your turn (00-websocket-url): the WebSocket URL for a page's address and an endpoint path
// Wrong: keeps the page's own path and query.
string WebSocketUrlFor(string pageUrl, string path) => pageUrl.Replace("http", "ws", StringComparison.Ordinal).TrimEnd('/') + path;
