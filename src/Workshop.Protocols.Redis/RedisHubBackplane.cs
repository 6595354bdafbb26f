using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workshop.Protocols.WebSockets;

namespace Workshop.Protocols.Redis;

/// <summary>
/// Forwards hub broadcasts through Redis pub/sub, one channel per hub (<c>{prefix}ws:{hub}</c>). Each envelope
/// carries the publishing instance's id, so an instance skips its own messages: its local members were served
/// directly and must not get them twice.
/// </summary>
/// <remarks>
/// Envelope: version (1 byte), instance id (16), message type (1), room length (2, big-endian), room (UTF-8), payload.
/// Pub/sub is at-most-once: what is published while Redis is unreachable reaches only local members.
/// </remarks>
public sealed class RedisHubBackplane(RedisBackplaneConnection redis, ILogger<RedisHubBackplane> logger) : IHubBackplane
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 16 + 1 + 2;

    /// <inheritdoc />
    public string Name => "redis";

    /// <inheritdoc />
    public async Task PublishAsync(string hub, string room, OutboundMessage message)
    {
        if (!redis.IsConnected) return; // the outage is reported by the connection; local delivery already happened
        try
        {
            await redis.PublishAsync(Channel(hub), Envelope(room, message));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "publish", hub, e);
        }
        catch (Exception e)
        {
            // The hub never awaits this task: logged here, or no one would ever see it.
            BackplaneLog.Unexpected(logger, "publish", hub, e);
        }
    }

    private byte[] Envelope(string room, OutboundMessage message)
    {
        var roomBytes = Encoding.UTF8.GetBytes(room);
        if (roomBytes.Length > ushort.MaxValue)
            throw new ArgumentException($"A room name of {roomBytes.Length} UTF-8 bytes does not fit the envelope (at most {ushort.MaxValue}).", nameof(room));
        var envelope = new byte[HeaderLength + roomBytes.Length + message.Payload.Length];
        envelope[0] = Version;
        redis.InstanceId.TryWriteBytes(envelope.AsSpan(1, 16));
        envelope[17] = (byte)message.Type;
        BinaryPrimitives.WriteUInt16BigEndian(envelope.AsSpan(18, 2), (ushort)roomBytes.Length);
        roomBytes.CopyTo(envelope.AsSpan(HeaderLength));
        message.Payload.Span.CopyTo(envelope.AsSpan(HeaderLength + roomBytes.Length));
        return envelope;
    }

    /// <inheritdoc />
    public void Subscribe(string hub, Action<string, OutboundMessage> onRemote)
    {
        ArgumentNullException.ThrowIfNull(onRemote);
        var channel = Channel(hub);
        // Hubs live as long as the app: the subscription is never ended.
        _ = redis.Subscribe(channel, message =>
        {
            Deliver(channel, message.Message, onRemote);
            return Task.CompletedTask; // local delivery only queues: nothing to wait for
        });
    }

    private void Deliver(RedisChannel channel, RedisValue message, Action<string, OutboundMessage> onRemote)
    {
        byte[]? envelope = message;
        if (envelope is null || envelope.Length < HeaderLength || envelope[0] != Version)
        {
            BackplaneLog.Malformed(logger, channel.ToString());
            return;
        }
        if (new Guid(envelope.AsSpan(1, 16)) == redis.InstanceId) return; // our own: already delivered locally
        var roomLength = BinaryPrimitives.ReadUInt16BigEndian(envelope.AsSpan(18, 2));
        if (HeaderLength + roomLength > envelope.Length)
        {
            BackplaneLog.Malformed(logger, channel.ToString());
            return;
        }
        var room = Encoding.UTF8.GetString(envelope, HeaderLength, roomLength);
        var payload = envelope.AsMemory(HeaderLength + roomLength);
        onRemote(room, new OutboundMessage(payload, (WebSocketMessageType)envelope[17]));
    }

    private RedisChannel Channel(string hub) => RedisChannel.Literal($"{redis.KeyPrefix}ws:{hub}");
}
