using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Workshop.Protocols.Scaling;

namespace Workshop.Protocols.Redis;

/// <summary>
/// Room presence in Redis. Per room a hash <c>{prefix}presence:{hub}:{room}</c> whose field per instance holds that
/// instance's member names (JSON); each instance writes only its own field, so instances never race. An instance is
/// alive while its heartbeat key <c>{prefix}instance:{id}</c> exists (renewed by <see cref="RedisPresenceHeartbeat"/>,
/// expiring three intervals after its last renewal): a list skips, and deletes, the fields of dead instances.
/// </summary>
public sealed class RedisRoomPresence(RedisBackplaneConnection redis, ILogger<RedisRoomPresence> logger) : IRoomPresence
{
    // The live instances' fields, except the caller's own (its local members are passed in, fresher than Redis).
    private const string ListScript = """
        local all = redis.call('HGETALL', KEYS[1])
        local out = {}
        for i = 1, #all, 2 do
          if all[i] ~= ARGV[2] then
            if redis.call('EXISTS', ARGV[1] .. all[i]) == 1 then
              table.insert(out, all[i + 1])
            else
              redis.call('HDEL', KEYS[1], all[i])
            end
          end
        end
        return out
        """;

    private readonly ConcurrentDictionary<(string Hub, string Room), string[]> _local = new();

    // Rooms this instance emptied whose field may still be in Redis (the delete was skipped during an outage, or
    // timed out): nobody else deletes a live instance's field, so the heartbeat retries until a delete succeeds.
    private readonly ConcurrentDictionary<(string Hub, string Room), byte> _emptied = new();

    /// <summary>This instance's rooms with members, for the heartbeat to renew.</summary>
    internal IEnumerable<KeyValuePair<(string Hub, string Room), string[]>> LocalRooms => _local;

    /// <summary>Rooms this instance left whose field in Redis is not known to be deleted yet, for the heartbeat to delete.</summary>
    internal IEnumerable<(string Hub, string Room)> EmptiedRooms => _emptied.Keys;

    /// <inheritdoc />
    public async Task AnnounceAsync(string hub, string room, IReadOnlyList<string> localMembers)
    {
        ArgumentNullException.ThrowIfNull(localMembers);
        if (localMembers.Count == 0)
        {
            _emptied[(hub, room)] = 0; // until a delete is known to have reached Redis
            _local.TryRemove((hub, room), out _);
        }
        else
        {
            _local[(hub, room)] = [.. localMembers];
            _emptied.TryRemove((hub, room), out _);
        }
        if (!redis.IsConnected) return; // the heartbeat writes (or deletes) it when Redis is back
        try
        {
            await WriteAsync(redis.Database, hub, room, localMembers);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            BackplaneLog.OperationFailed(logger, "presence", hub, e);
        }
    }

    /// <summary>Writes (or, when empty, deletes) this instance's field of a room; the room hash lives as long as an instance renews it.</summary>
    internal Task WriteAsync(IDatabaseAsync database, string hub, string room, IReadOnlyList<string> members)
    {
        var key = RoomKey(hub, room);
        if (members.Count == 0) return DeleteAsync(database, hub, room);
        // The heartbeat first (sent in order on one connection): an entry is never seen without a live instance,
        // which another instance's list would take for a dead one and delete.
        return Task.WhenAll(
            database.StringSetAsync(InstanceKey, "1", redis.HeartbeatTtl),
            database.HashSetAsync(key, Field, JsonSerializer.Serialize(members)),
            database.KeyExpireAsync(key, redis.HeartbeatTtl));
    }

    /// <summary>Deletes this instance's field of a room it emptied; forgets the room only when the delete succeeded.</summary>
    internal async Task DeleteAsync(IDatabaseAsync database, string hub, string room)
    {
        await database.HashDeleteAsync(RoomKey(hub, room), Field);
        // Still empty (no join since): done. A join meanwhile wrote its own field, which a later write keeps right.
        if (!_local.ContainsKey((hub, room))) _emptied.TryRemove((hub, room), out _);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string hub, string room, IReadOnlyList<string> localMembers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localMembers);
        if (!redis.IsConnected) return localMembers;
        try
        {
            var others = (RedisResult[]?)await redis.Database.ScriptEvaluateAsync(ListScript, [RoomKey(hub, room)],
                [$"{redis.KeyPrefix}instance:", Field]).WaitAsync(cancellationToken) ?? [];
            var names = new List<string>(localMembers);
            foreach (var field in others)
                names.AddRange(JsonSerializer.Deserialize<string[]>((string)field!) ?? []);
            return names;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or JsonException)
        {
            BackplaneLog.OperationFailed(logger, "presence list", hub, e);
            return localMembers;
        }
    }

    private string Field => redis.InstanceId.ToString("N");

    /// <summary>This instance's heartbeat key: it is alive while the key exists.</summary>
    internal string InstanceKey => $"{redis.KeyPrefix}instance:{Field}";

    private RedisKey RoomKey(string hub, string room) => $"{redis.KeyPrefix}presence:{hub}:{room}";
}
