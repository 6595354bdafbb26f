using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Workshop.Protocols.Redis;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Bins and their captures in Redis, shared by every instance on the backplane, with the inspector's bounds:
/// bins in total and per creator (least recently used evicted), captures and estimated bytes per bin (oldest
/// dropped, newest kept), and idle expiry as the keys' time to live, renewed by every capture and read. Every call
/// is one awaited script (see <see cref="RedisBinScripts"/>); nothing here holds a lock.
/// </summary>
internal sealed class RedisBinStore(RedisBackplaneConnection connection, IOptions<InspectorOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly InspectorOptions _options = options.Value;
    private readonly string _prefix = connection.KeyPrefix + "bins:";

    /// <summary>Most live bins in total (for the log line when creation is refused).</summary>
    public int MaxBins => _options.MaxBins;

    /// <summary>How long an unused bin lives.</summary>
    public TimeSpan IdleExpiry => _options.IdleExpiry;

    private IDatabase Db => connection.Database;

    private long IdleMs => (long)_options.IdleExpiry.TotalMilliseconds;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Stores a new bin; false when the inspector is full of other bins. Also returns the creator's evicted bins.</summary>
    public async Task<(bool Created, IReadOnlyList<string> Evicted)> CreateAsync(string id, RedisBinRecord record)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisBinScripts.Create, new
        {
            all = (RedisKey)(_prefix + "all"),
            byCreator = (RedisKey)(_prefix + "creator:" + record.Creator),
            bin = BinKey(id),
            now = NowMs,
            idle = IdleMs,
            maxBins = _options.MaxBins,
            maxPerCreator = _options.MaxBinsPerCreator,
            id,
            record = JsonSerializer.Serialize(record, Json),
            creator = record.Creator,
            binPrefix = _prefix + "bin:",
        }))!;
        return ((long)result[0] == 1, [.. result.Skip(1).Select(r => (string)r!)]);
    }

    /// <summary>The bin's record, its expiry renewed; null when it expired, was evicted or never existed.</summary>
    public async Task<RedisBinRecord?> TouchAsync(string id)
    {
        var result = await Db.ScriptEvaluateAsync(RedisBinScripts.Touch, new
        {
            bin = BinKey(id),
            captures = CapturesKey(id),
            all = (RedisKey)(_prefix + "all"),
            now = NowMs,
            idle = IdleMs,
            id,
            creatorPrefix = _prefix + "creator:",
        });
        return result.IsNull ? null : JsonSerializer.Deserialize<RedisBinRecord>((string)result!, Json);
    }

    /// <summary>Numbers and stores a capture; the capture is returned even when the bin vanished meanwhile (then nothing is kept).</summary>
    public async Task<CapturedRequest> AddAsync(string id, Func<long, CapturedRequest> build)
    {
        var next = (long)await Db.ScriptEvaluateAsync(RedisBinScripts.NextId, new { bin = BinKey(id) });
        var capture = build(next);
        if (next == 0) return capture;
        var entry = JsonSerializer.Serialize(new RedisCaptureEntry(capture, Convert.ToBase64String(capture.RawBody.Span)), Json);
        await Db.ScriptEvaluateAsync(RedisBinScripts.Add, new
        {
            bin = BinKey(id),
            captures = CapturesKey(id),
            entry,
            size = CaptureSize.Estimate(capture),
            maxCaptures = _options.MaxCapturesPerBin,
            maxBytes = _options.MaxBytesPerBin,
            idle = IdleMs,
        });
        return capture;
    }

    /// <summary>The bin's captures, newest first.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> ListAsync(string id)
    {
        var entries = await Db.ListRangeAsync(CapturesKey(id));
        return [.. entries.Reverse().Select(e => Parse(e!))];
    }

    /// <summary>Deletes the bin and its captures; false when it was not there.</summary>
    public async Task<bool> RemoveAsync(string id)
        => (long)await Db.ScriptEvaluateAsync(RedisBinScripts.Remove, new
        {
            bin = BinKey(id),
            captures = CapturesKey(id),
            all = (RedisKey)(_prefix + "all"),
            id,
            creatorPrefix = _prefix + "creator:",
        }) == 1;

    private static CapturedRequest Parse(string entry)
    {
        var stored = JsonSerializer.Deserialize<RedisCaptureEntry>(entry.AsSpan(entry.IndexOf('|', StringComparison.Ordinal) + 1), Json)!;
        return stored.Capture with { RawBody = Convert.FromBase64String(stored.RawBody) };
    }

    private RedisKey BinKey(string id) => _prefix + "bin:" + id;

    private RedisKey CapturesKey(string id) => _prefix + "bin:" + id + ":captures";
}
