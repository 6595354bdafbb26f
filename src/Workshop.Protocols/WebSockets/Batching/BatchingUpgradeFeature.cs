using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Workshop.Protocols.WebSockets.Batching;

/// <summary>
/// Wraps the server's HTTP/1.1 upgrade so the WebSocket middleware builds its socket over a
/// <see cref="FrameBatchingStream"/>; the acceptor finds that stream here. The handshake itself stays the
/// framework's (key check, headers, 101). HTTP/2 WebSockets do not use this feature and are not batched.
/// </summary>
internal sealed class BatchingUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>The stream handed to the WebSocket, once upgraded.</summary>
    public FrameBatchingStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        Stream = new FrameBatchingStream(await inner.UpgradeAsync());
        return Stream;
    }

    /// <summary>Middleware: installs the wrapper on upgradable requests, before the WebSocket middleware runs.</summary>
    public static Task InstallAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            context.Features.Set<IHttpUpgradeFeature>(new BatchingUpgradeFeature(upgrade));
        return next();
    }
}
