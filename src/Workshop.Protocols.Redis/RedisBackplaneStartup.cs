using Microsoft.Extensions.Hosting;

namespace Workshop.Protocols.Redis;

/// <summary>
/// Lets the app start once the first connection attempt has ended (at most the connect timeout, 2 s), so an
/// instance whose Redis is up reports <c>ok</c> from its first request; a Redis that is down never blocks start.
/// </summary>
internal sealed class RedisBackplaneStartup(RedisBackplaneConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => redis.ConnectedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
