using StackExchange.Redis;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// The Lua scripts of <see cref="RedisBinStore"/>: each check-and-change runs atomically in Redis, so two instances
/// creating, capturing or deleting at once never exceed a bound or leave half a bin. Keys: the bin hash
/// <c>{bins}bin:{id}</c> (record, creator, seq, bytes), its capture list <c>{bins}bin:{id}:captures</c> (entries
/// <c>{size}|{json}</c>, oldest first), the index of live bins <c>{bins}all</c> and one per creator
/// <c>{bins}creator:{creator}</c> (sorted sets scored by last activity in ms).
/// </summary>
internal static class RedisBinScripts
{
    /// <summary>KEYS: all, creator set, bin. ARGV: now, idle ms, max bins, max per creator, id, record, creator, bin key prefix. Returns {created 0/1, evicted ids…}.</summary>
    public static readonly LuaScript Create = LuaScript.Prepare("""
        local now = tonumber(@now)
        local idle = tonumber(@idle)
        redis.call('ZREMRANGEBYSCORE', @all, '-inf', now - idle)
        redis.call('ZREMRANGEBYSCORE', @byCreator, '-inf', now - idle)
        local result = {0}
        while redis.call('ZCARD', @byCreator) >= tonumber(@maxPerCreator) do
          local old = redis.call('ZPOPMIN', @byCreator)[1]
          redis.call('ZREM', @all, old)
          redis.call('DEL', @binPrefix .. old, @binPrefix .. old .. ':captures')
          table.insert(result, old)
        end
        if redis.call('ZCARD', @all) >= tonumber(@maxBins) then return result end
        redis.call('HSET', @bin, 'record', @record, 'creator', @creator, 'seq', 0, 'bytes', 0)
        redis.call('PEXPIRE', @bin, idle)
        redis.call('ZADD', @all, now, @id)
        redis.call('PEXPIRE', @all, idle)
        redis.call('ZADD', @byCreator, now, @id)
        redis.call('PEXPIRE', @byCreator, idle)
        result[1] = 1
        return result
        """);

    /// <summary>Reads a live bin's record and renews its expiry (a read is activity); nil when gone.</summary>
    public static readonly LuaScript Touch = LuaScript.Prepare("""
        local v = redis.call('HMGET', @bin, 'record', 'creator')
        if not v[1] then return false end
        redis.call('PEXPIRE', @bin, @idle)
        redis.call('PEXPIRE', @captures, @idle)
        redis.call('ZADD', @all, @now, @id)
        redis.call('PEXPIRE', @all, @idle)
        local byCreator = @creatorPrefix .. v[2]
        redis.call('ZADD', byCreator, @now, @id)
        redis.call('PEXPIRE', byCreator, @idle)
        return v[1]
        """);

    /// <summary>The bin's next capture id; 0 when the bin is gone.</summary>
    public static readonly LuaScript NextId = LuaScript.Prepare("""
        if redis.call('EXISTS', @bin) == 0 then return 0 end
        return redis.call('HINCRBY', @bin, 'seq', 1)
        """);

    /// <summary>Appends a capture and drops the oldest past the count and byte bounds, always keeping the newest; 0 when the bin is gone.</summary>
    public static readonly LuaScript Add = LuaScript.Prepare("""
        if redis.call('EXISTS', @bin) == 0 then return 0 end
        redis.call('RPUSH', @captures, @size .. '|' .. @entry)
        local bytes = redis.call('HINCRBY', @bin, 'bytes', @size)
        local n = redis.call('LLEN', @captures)
        while n > 1 and (n > tonumber(@maxCaptures) or bytes > tonumber(@maxBytes)) do
          local e = redis.call('LPOP', @captures)
          local size = tonumber(string.sub(e, 1, string.find(e, '|', 1, true) - 1))
          bytes = redis.call('HINCRBY', @bin, 'bytes', -size)
          n = n - 1
        end
        redis.call('PEXPIRE', @bin, @idle)
        redis.call('PEXPIRE', @captures, @idle)
        return 1
        """);

    /// <summary>Deletes a bin and its captures and takes it out of the indexes; 0 when it was not there.</summary>
    public static readonly LuaScript Remove = LuaScript.Prepare("""
        local creator = redis.call('HGET', @bin, 'creator')
        if not creator then return 0 end
        redis.call('DEL', @bin, @captures)
        redis.call('ZREM', @all, @id)
        redis.call('ZREM', @creatorPrefix .. creator, @id)
        return 1
        """);
}
