// Your turn (00-websocket-url): the WebSocket URL for a page's address and an endpoint path
string WebSocketUrlFor(string pageUrl, string path)
{
    var page = new Uri(pageUrl);
    // TLS carries over: a page loaded over https may only open wss:// connections.
    var scheme = page.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
    // Authority is host and port (a default port is left out); the page's own path does not matter.
    return $"{scheme}://{page.Authority}{path}";
}
