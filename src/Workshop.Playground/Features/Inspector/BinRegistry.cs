using System.Collections.Concurrent;
using System.Security.Cryptography;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Where the inspector's endpoints find bins: the <see cref="InspectorStore"/> of this instance (the default), or
/// Redis when the SSE backplane is Redis, so a bin created through one instance captures, lists and streams on
/// every instance. A shared bin's SSE topic is the shared topic of the same name: a capture published on any
/// instance reaches the bin's live views on all of them.
/// </summary>
public sealed class BinRegistry
{
    private readonly InspectorStore _local;
    private readonly RedisBinStore? _shared;
    private readonly CaptureVerifier _verifier;
    private readonly ISseTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger<InspectorStore> _logger;
    // Shared bins whose topic this instance holds, with when it last saw them used: a bin that expires in Redis
    // (or is deleted through another instance) must not leave its topic here for ever.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);

    internal BinRegistry(InspectorStore local, RedisBinStore? shared, CaptureVerifier verifier, ISseTopics topics, TimeProvider time, ILogger<InspectorStore> logger)
    {
        _local = local;
        _shared = shared;
        _verifier = verifier;
        _topics = topics;
        _time = time;
        _logger = logger;
    }

    /// <summary>True when bins live in Redis.</summary>
    public bool IsShared => _shared is not null;

    internal async Task<InspectorBin?> CreateAsync(string creator, BinSigning signing, Uri? forwardUrl)
    {
        if (_shared is null) return _local.TryCreate(creator, signing, forwardUrl);
        var id = Base64Url(RandomNumberGenerator.GetBytes(16));
        var record = new RedisBinRecord(_time.GetUtcNow(), creator, signing.Secrets, signing.Own, forwardUrl?.AbsoluteUri);
        var (created, evicted) = await _shared.CreateAsync(id, record);
        foreach (var gone in evicted) Forget(gone);
        SweepIdleTopics();
        if (!created)
        {
            InspectorLog.InspectorFull(_logger, _shared.MaxBins);
            return null;
        }
        Hold(id);
        InspectorLog.BinCreated(_logger, BinFingerprint.Of(id), evicted.Count);
        return Rebuild(id, record);
    }

    /// <summary>The live bin <paramref name="id"/>, marked used; null when unknown or expired.</summary>
    public async Task<InspectorBin?> FindAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_shared is null) return _local.TryGet(id, out var bin) ? bin : null;
        // Only well-formed ids reach Redis: nothing a caller types becomes an odd or huge key.
        if (!IsWellFormed(id)) return null;
        var record = await _shared.TouchAsync(id);
        if (record is null)
        {
            // Expired or deleted through another instance: this instance's copy of its topic goes too.
            if (_held.TryRemove(id, out _)) _topics.Remove(InspectorStore.TopicName(id));
            return null;
        }
        Hold(id);
        return Rebuild(id, record);
    }

    /// <summary>
    /// The live bin whose capture URL <paramref name="url"/> is (path <c>/hooks/{bin}</c> or a sub-path), or null
    /// (see <see cref="InspectorStore.TryGetByCaptureUrl"/>; whether the host is this server's is the caller's decision).
    /// </summary>
    public async Task<InspectorBin?> FindByCaptureUrlAsync(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_shared is null) return _local.TryGetByCaptureUrl(url, out var bin) ? bin : null;
        if (!url.IsAbsoluteUri) return null;
        var segments = url.AbsolutePath.Split('/');
        return segments.Length >= 3 && segments[0].Length == 0 && segments[1] == "hooks" && segments[2].Length > 0 ? await FindAsync(segments[2]) : null;
    }

    /// <summary>Stores a capture built with the bin's next id (see <see cref="InspectorStore.Add"/>).</summary>
    public Task<CapturedRequest> AddAsync(InspectorBin bin, Func<long, CapturedRequest> build)
    {
        ArgumentNullException.ThrowIfNull(bin);
        return bin.IsShared && _shared is not null ? _shared.AddAsync(bin.Id, build) : Task.FromResult(_local.Add(bin, build));
    }

    /// <summary>The bin's captures, newest first.</summary>
    public Task<IReadOnlyList<CapturedRequest>> ListAsync(InspectorBin bin)
    {
        ArgumentNullException.ThrowIfNull(bin);
        return bin.IsShared && _shared is not null ? _shared.ListAsync(bin.Id) : Task.FromResult(_local.List(bin));
    }

    /// <summary>One capture of the bin, or null when unknown or already dropped.</summary>
    public async Task<CapturedRequest?> FindCaptureAsync(InspectorBin bin, long id)
    {
        ArgumentNullException.ThrowIfNull(bin);
        if (!bin.IsShared || _shared is null) return _local.Find(bin, id);
        return (await _shared.ListAsync(bin.Id)).FirstOrDefault(c => c.Id == id);
    }

    /// <summary>Deletes a bin and ends this instance's streams of it.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_shared is null) return _local.Remove(id);
        if (!IsWellFormed(id) || !await _shared.RemoveAsync(id)) return false;
        Forget(id);
        return true;
    }

    private InspectorBin Rebuild(string id, RedisBinRecord record)
    {
        var forward = record.ForwardUrl is null ? null : new Uri(record.ForwardUrl);
        return new InspectorBin(id, record.CreatedAt, record.Creator, _verifier.ForStored(record.Secrets, record.Own), forward, shared: true);
    }

    private void Hold(string id)
    {
        _held[id] = _time.GetUtcNow();
        _topics.Get(InspectorStore.TopicName(id));
    }

    // Topics of shared bins this instance has not seen used for the idle expiry: the bin has expired in Redis, or
    // is used only through other instances (a later use here makes the topic again, resuming from the shared stream).
    private void SweepIdleTopics()
    {
        var cutoff = _time.GetUtcNow() - _shared!.IdleExpiry;
        foreach (var (id, seen) in _held)
        {
            if (seen < cutoff && _held.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, seen))) _topics.Remove(InspectorStore.TopicName(id));
        }
    }

    // Outside any lock: removing a topic ends its streams, which runs subscriber code.
    private void Forget(string id)
    {
        _held.TryRemove(id, out _);
        _topics.Remove(InspectorStore.TopicName(id));
        InspectorLog.BinRemoved(_logger, BinFingerprint.Of(id));
    }

    private static bool IsWellFormed(string id) => id.Length == 22 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
