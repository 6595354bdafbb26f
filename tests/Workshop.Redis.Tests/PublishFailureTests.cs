using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workshop.Protocols.Redis;
using Workshop.Protocols.WebSockets;

namespace Workshop.Redis.Tests;

/// <summary>A broadcast's publish is not awaited by the hub: whatever goes wrong in it must be logged, not lost.</summary>
public sealed class PublishFailureTests
{
    [Fact]
    public async Task A_publish_that_cannot_be_encoded_is_logged_and_does_not_throw()
    {
        await RedisEndpoint.RequireAsync();
        await using var connection = new RedisBackplaneConnection(
            Options.Create(new RedisBackplaneOptions { Configuration = RedisEndpoint.Address, KeyPrefix = RedisEndpoint.UniquePrefix() }),
            TimeProvider.System, NullLogger<RedisBackplaneConnection>.Instance);
        await connection.ConnectedAsync(CancellationToken.None);
        var sink = new LogSink();
        using var loggers = new LoggerFactory([sink]);
        var backplane = new RedisHubBackplane(connection, loggers.CreateLogger<RedisHubBackplane>());

        // A room name longer than the envelope's two-byte length field can say.
        await backplane.PublishAsync("chat", new string('r', 70_000), new OutboundMessage("hi"u8.ToArray(), WebSocketMessageType.Text));

        Assert.Contains(sink.Lines, line => line.Contains("publish", StringComparison.Ordinal));
    }
}
