using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Protocols.Redis;

/// <summary>
/// SSE ids and history in Redis. Per topic: a counter <c>{prefix}sse:{topic}:id</c>, a stream
/// <c>{prefix}sse:{topic}</c> whose entry ids are <c>{id}-0</c> (trimmed to about <c>LogCapacity</c> entries), and a
/// channel of the same name. Both keys expire <c>KeyRetention</c> after the topic's last publish. One Lua script takes the next id, appends and publishes atomically, so every instance
/// sees the events in id order and the stream always holds an event before anyone hears of it.
/// </summary>
public sealed class RedisSseBackplane(
    RedisBackplaneConnection redis,
    IOptions<ServerSentEventsOptions> options,
    ILogger<RedisSseBackplane> logger) : ISseBackplane
{
    // The floor keeps ids increasing even when Redis lost its data (restarted without persistence) or this
    // instance numbered events locally during an outage.
    private const string AppendScript = """
        local n = redis.call('INCR', KEYS[2])
        local floor = tonumber(ARGV[1])
        if n <= floor then
          n = floor + 1
          redis.call('SET', KEYS[2], n)
        end
        redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], n .. '-0', 'e', ARGV[3], 'd', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        redis.call('PUBLISH', ARGV[5], n .. '\n' .. ARGV[3] .. '\n' .. ARGV[4])
        return n
        """;

    /// <inheritdoc />
    public string Name => "redis";

    /// <inheritdoc />
    public bool IsShared => true;

    /// <inheritdoc />
    public async ValueTask<long?> AppendAsync(string topic, string? eventName, string data, long floor, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return null;
        try
        {
            var result = await redis.Database.ScriptEvaluateAsync(AppendScript,
                [StreamKey(topic), (RedisKey)$"{StreamKey(topic)}:id"],
                [floor, options.Value.LogCapacity, eventName ?? "", data, Channel(topic).ToString(), (long)redis.KeyRetention.TotalMilliseconds]).WaitAsync(cancellationToken);
            return (long)result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException: a slow store counts as unreachable.
            BackplaneLog.OperationFailed(logger, "append", topic, e);
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SseEvent>> ReadAfterAsync(string topic, long afterId, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return [];
        try
        {
            return ToEvents(await redis.Database.StreamRangeAsync(StreamKey(topic), $"{afterId + 1}-0", "+").WaitAsync(cancellationToken));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "read", topic, e);
            return [];
        }
    }

    private static List<SseEvent> ToEvents(StreamEntry[] entries)
    {
        var events = new List<SseEvent>(entries.Length);
        foreach (var entry in entries)
        {
            var id = long.Parse(((string)entry.Id!).Split('-')[0], CultureInfo.InvariantCulture);
            var name = (string?)entry["e"];
            events.Add(new SseEvent(id, string.IsNullOrEmpty(name) ? null : name, (string?)entry["d"] ?? ""));
        }
        return events;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(string topic, Func<SseEvent, Task> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var channel = Channel(topic);
        return redis.Subscribe(channel, message =>
        {
            // "id\nname\ndata": the id and the name never hold a line break, the data may.
            var text = (string?)message.Message ?? "";
            var first = text.IndexOf('\n', StringComparison.Ordinal);
            var second = first < 0 ? -1 : text.IndexOf('\n', first + 1);
            if (second < 0 || !long.TryParse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                BackplaneLog.Malformed(logger, channel.ToString());
                return Task.CompletedTask;
            }
            var name = text[(first + 1)..second];
            return onEvent(new SseEvent(id, name.Length == 0 ? null : name, text[(second + 1)..]));
        });
    }

    private RedisKey StreamKey(string topic) => $"{redis.KeyPrefix}sse:{topic}";

    private RedisChannel Channel(string topic) => RedisChannel.Literal($"{redis.KeyPrefix}sse:{topic}");
}
