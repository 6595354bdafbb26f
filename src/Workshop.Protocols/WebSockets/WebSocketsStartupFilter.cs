using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Workshop.Protocols.WebSockets.Batching;

namespace Workshop.Protocols.WebSockets;

/// <summary>Puts the WebSocket middleware first, so <c>AddRealtimeWebSockets</c> alone makes the endpoints work.</summary>
internal sealed class WebSocketsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Keep-alive is set per accept from RealtimeWebSocketOptions; the middleware only adds the upgrade feature.
        // Before it: the upgraded stream is wrapped so a send loop can batch a backlog into one write.
        app.Use(BatchingUpgradeFeature.InstallAsync);
        app.UseWebSockets();
        next(app);
    };
}
