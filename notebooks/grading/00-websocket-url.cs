// Probe 00-websocket-url, learner function: WebSocketUrlFor
using System;
using System.Collections.Generic;

internal static class Probe_00_websocket_url
{
    private static readonly string[] Hosts = ["example.com", "shop.example", "127.0.0.1", "localhost", "chat.example.org", "api.test"];
    private static readonly string[] PagePaths = ["", "/", "/app/", "/a/b.html", "/orders?page=2", "/?x=1&y=2", "/docs/index.html?lang=hi"];
    private static readonly string[] Endpoints = ["/ws", "/chat", "/live", "/ws/echo", "/game/play"];

    public static IEnumerable<ProbeCase> Cases(Random random, Func<string, string, string> webSocketUrlFor)
    {
        // The check cell's cases first, then pages the learner has not seen: either scheme, with or without a port
        // of its own (never an explicit default port), a path and a query to drop.
        var pages = new List<(string Page, string Path)> { ("http://127.0.0.1:5000", "/ws"), ("https://example.com/app/", "/chat"), ("https://shop.example:8443/orders?page=2", "/live") };
        for (var i = 0; i < 12; i++)
        {
            var scheme = random.Next(2) == 0 ? "http" : "https";
            var port = random.Next(3) == 0 ? "" : ":" + random.Next(1024, 65536);
            pages.Add(($"{scheme}://{Hosts[random.Next(Hosts.Length)]}{port}{PagePaths[random.Next(PagePaths.Length)]}", Endpoints[random.Next(Endpoints.Length)]));
        }
        foreach (var (page, path) in pages)
        {
            yield return ProbeCase.Of($"WebSocketUrlFor({ProbeText.Show(page)}, {ProbeText.Show(path)})", () => ProbeText.Show(webSocketUrlFor(page, path)));
        }
    }
}
