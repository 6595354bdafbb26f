using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workshop.Protocols.ServerSentEvents;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// The bins and their captures, in memory and bounded in every dimension, per creator first: bins per creator (the
/// creator's least recently used evicted), bins in total (creation refused, nobody evicted), captures and estimated
/// bytes per bin (oldest dropped), estimated bytes in total (oldest of the creator holding the most dropped) and
/// idle time. One lock: every operation is short and memory-only.
/// </summary>
public sealed class InspectorStore(IOptions<InspectorOptions> options, TimeProvider time, ISseTopics topics, ILogger<InspectorStore> logger)
{
    private readonly InspectorOptions _options = options.Value;
    private readonly Dictionary<string, InspectorBin> _bins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CreatorUsage> _creators = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _totalBytes;
    private long _sequence;

    /// <summary>The SSE topic name of a bin (a hash of the id: topic names appear in logs, bin ids must not).</summary>
    public static string TopicName(string binId) => "inspector/" + BinFingerprint.Hash(binId);

    /// <summary>How many bins exist now.</summary>
    public int Count { get { lock (_lock) return _bins.Count; } }

    /// <summary>Estimated bytes all captures hold now (see <see cref="InspectorOptions.MaxTotalBytes"/>).</summary>
    public long TotalBytes { get { lock (_lock) return _totalBytes; } }

    /// <summary>
    /// Creates a bin for <paramref name="creator"/> with a fresh unguessable id, after removing expired bins and,
    /// when the creator is at its quota, the creator's least recently used bin. Null when the store is full of
    /// other creators' bins (nobody else's bin is evicted).
    /// </summary>
    internal InspectorBin? TryCreate(string creator, BinSigning signing, Uri? forwardUrl = null)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(signing);
        var removed = new List<InspectorBin>();
        InspectorBin? bin = null;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _bins.Values.Where(b => now - b.LastActivity > _options.IdleExpiry).ToList()) removed.Add(RemoveLocked(expired));
            if (_creators.TryGetValue(creator, out var usage))
            {
                while (usage.Bins.Count >= _options.MaxBinsPerCreator) removed.Add(RemoveLocked(usage.Bins.MinBy(b => b.LastActivity)!));
            }
            if (_bins.Count < _options.MaxBins)
            {
                bin = new InspectorBin(Base64Url(RandomNumberGenerator.GetBytes(16)), now, creator, signing, forwardUrl);
                _bins.Add(bin.Id, bin);
                UsageLocked(creator).Bins.Add(bin);
            }
        }
        foreach (var gone in removed) Forget(gone);
        if (bin is null)
        {
            InspectorLog.InspectorFull(logger, _options.MaxBins);
            return null;
        }
        // The topic exists for the bin's whole life; captures publish only to an existing topic (see CaptureEndpoint).
        topics.Get(TopicName(bin.Id));
        InspectorLog.BinCreated(logger, BinFingerprint.Of(bin.Id), removed.Count);
        return bin;
    }

    /// <summary>Finds a live bin and marks it used; an idle-expired bin is removed and not found.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InspectorBin? bin)
    {
        InspectorBin? expired = null;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_bins.TryGetValue(id, out bin) && now - bin.LastActivity > _options.IdleExpiry)
            {
                expired = RemoveLocked(bin);
                bin = null;
            }
            if (bin is not null) bin.LastActivity = now;
        }
        if (expired is not null) Forget(expired);
        return bin is not null;
    }

    /// <summary>
    /// Finds the live bin whose capture URL <paramref name="url"/> is (path <c>/hooks/{bin}</c> or a sub-path), e.g.
    /// to sign a delivery to it with its own secret. The host is not judged: whether it is this server's is the
    /// caller's decision.
    /// </summary>
    public bool TryGetByCaptureUrl(Uri url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InspectorBin? bin)
    {
        ArgumentNullException.ThrowIfNull(url);
        bin = null;
        if (!url.IsAbsoluteUri) return false;
        var segments = url.AbsolutePath.Split('/');
        return segments.Length >= 3 && segments[0].Length == 0 && segments[1] == "hooks" && segments[2].Length > 0 && TryGet(segments[2], out bin);
    }

    /// <summary>Stores a capture built with the next id of the bin, dropping old captures past the limits.</summary>
    public CapturedRequest Add(InspectorBin bin, Func<long, CapturedRequest> build)
    {
        ArgumentNullException.ThrowIfNull(bin);
        ArgumentNullException.ThrowIfNull(build);
        lock (_lock)
        {
            var capture = build(++bin.LastCaptureId);
            // A bin evicted meanwhile keeps nothing (the capture is still answered, just not kept).
            if (!_bins.ContainsKey(bin.Id)) return capture;
            bin.LastActivity = time.GetUtcNow();
            var stored = new StoredCapture(capture, ++_sequence, CaptureSize.Estimate(capture));
            bin.Captures.AddLast(stored);
            bin.Bytes += stored.Bytes;
            UsageLocked(bin.Creator).Bytes += stored.Bytes;
            _totalBytes += stored.Bytes;
            // The newest capture is always kept: it is the one its sender is about to look at.
            while (bin.Captures.Count > 1 && (bin.Captures.Count > _options.MaxCapturesPerBin || bin.Bytes > _options.MaxBytesPerBin))
                DropLocked(bin, bin.Captures.First!.Value);
            while (_totalBytes > _options.MaxTotalBytes && OldestOfLargestCreatorLocked(stored) is { } victim)
                DropLocked(victim.Bin, victim.Stored);
            return capture;
        }
    }

    /// <summary>The bin's captures, newest first.</summary>
    public IReadOnlyList<CapturedRequest> List(InspectorBin bin)
    {
        ArgumentNullException.ThrowIfNull(bin);
        lock (_lock) return [.. bin.Captures.Reverse().Select(s => s.Capture)];
    }

    /// <summary>One capture of the bin, or null when unknown or already dropped.</summary>
    public CapturedRequest? Find(InspectorBin bin, long id)
    {
        ArgumentNullException.ThrowIfNull(bin);
        lock (_lock) return bin.Captures.FirstOrDefault(s => s.Capture.Id == id)?.Capture;
    }

    /// <summary>Deletes a bin and ends its event streams.</summary>
    public bool Remove(string id)
    {
        InspectorBin? removed = null;
        lock (_lock)
        {
            if (_bins.TryGetValue(id, out var bin)) removed = RemoveLocked(bin);
        }
        if (removed is null) return false;
        Forget(removed);
        return true;
    }

    // The creator holding the most bytes gives up its oldest capture, so a flooder evicts its own data first.
    // The capture being added is never the victim.
    private (InspectorBin Bin, StoredCapture Stored)? OldestOfLargestCreatorLocked(StoredCapture keep)
    {
        foreach (var usage in _creators.Values.OrderByDescending(u => u.Bytes))
        {
            var oldest = usage.Bins
                .Select(b => (Bin: b, Stored: b.Captures.FirstOrDefault(s => !ReferenceEquals(s, keep))))
                .Where(x => x.Stored is not null)
                .MinBy(x => x.Stored!.Sequence);
            if (oldest.Bin is not null) return (oldest.Bin, oldest.Stored!);
        }
        return null;
    }

    private CreatorUsage UsageLocked(string creator)
    {
        if (!_creators.TryGetValue(creator, out var usage)) _creators[creator] = usage = new CreatorUsage();
        return usage;
    }

    private InspectorBin RemoveLocked(InspectorBin bin)
    {
        _bins.Remove(bin.Id);
        foreach (var stored in bin.Captures.ToList()) DropLocked(bin, stored);
        if (_creators.TryGetValue(bin.Creator, out var usage))
        {
            usage.Bins.Remove(bin);
            if (usage.Bins.Count == 0) _creators.Remove(bin.Creator);
        }
        return bin;
    }

    private void DropLocked(InspectorBin bin, StoredCapture stored)
    {
        if (!bin.Captures.Remove(stored)) return;
        bin.Bytes -= stored.Bytes;
        if (_creators.TryGetValue(bin.Creator, out var usage)) usage.Bytes -= stored.Bytes;
        _totalBytes -= stored.Bytes;
    }

    // Outside the lock: removing the topic ends its streams, which runs subscriber code.
    private void Forget(InspectorBin bin)
    {
        topics.Remove(TopicName(bin.Id));
        InspectorLog.BinRemoved(logger, BinFingerprint.Of(bin.Id));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class CreatorUsage
    {
        public List<InspectorBin> Bins { get; } = [];

        public long Bytes { get; set; }
    }
}
