using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workshop.Protocols.ServerSentEvents;
using Workshop.Protocols.Webhooks;

namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// The bins and their captures, in memory and bounded in every dimension: bins (least recently used evicted),
/// captures per bin (oldest dropped), body bytes over all bins (oldest anywhere dropped) and idle time.
/// One lock: every operation is short and memory-only.
/// </summary>
public sealed class InspectorStore(IOptions<InspectorOptions> options, TimeProvider time, ISseTopics topics, ILogger<InspectorStore> logger)
{
    private readonly InspectorOptions _options = options.Value;
    private readonly Dictionary<string, InspectorBin> _bins = new(StringComparer.Ordinal);
    // Every capture in arrival order, to drop the oldest anywhere when the total byte budget is exceeded.
    private readonly LinkedList<(InspectorBin Bin, CapturedRequest Capture)> _arrivals = new();
    private readonly Lock _lock = new();
    private long _totalBytes;

    /// <summary>The SSE topic name of a bin.</summary>
    public static string TopicName(string binId) => "inspector/" + binId;

    /// <summary>How many bins exist now.</summary>
    public int Count { get { lock (_lock) return _bins.Count; } }

    /// <summary>Creates a bin with a fresh unguessable id, evicting expired bins and, when full, the least recently used one.</summary>
    public InspectorBin Create(IReadOnlyDictionary<WebhookScheme, IWebhookVerifier> ownVerifiers)
    {
        var removed = new List<InspectorBin>();
        InspectorBin bin;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var expired in _bins.Values.Where(b => now - b.LastActivity > _options.IdleExpiry).ToList()) removed.Add(RemoveLocked(expired));
            while (_bins.Count >= Math.Max(1, _options.MaxBins)) removed.Add(RemoveLocked(_bins.Values.MinBy(b => b.LastActivity)!));
            bin = new InspectorBin(Base64Url(RandomNumberGenerator.GetBytes(16)), now, ownVerifiers);
            _bins.Add(bin.Id, bin);
        }
        foreach (var gone in removed) Forget(gone);
        // The topic exists for the bin's whole life; captures publish only to an existing topic (see CaptureEndpoint).
        topics.Get(TopicName(bin.Id));
        InspectorLog.BinCreated(logger, bin.Id, removed.Count);
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
            bin.Captures.AddLast(capture);
            _arrivals.AddLast((bin, capture));
            _totalBytes += capture.RawBody.Length;
            while (bin.Captures.Count > Math.Max(1, _options.MaxCapturesPerBin)) DropLocked(bin, bin.Captures.First!.Value);
            while (_totalBytes > _options.MaxTotalBodyBytes && _arrivals.First is { } oldest && oldest.Value.Capture != capture)
                DropLocked(oldest.Value.Bin, oldest.Value.Capture);
            return capture;
        }
    }

    /// <summary>The bin's captures, newest first.</summary>
    public IReadOnlyList<CapturedRequest> List(InspectorBin bin)
    {
        ArgumentNullException.ThrowIfNull(bin);
        lock (_lock) return [.. bin.Captures.Reverse()];
    }

    /// <summary>One capture of the bin, or null when unknown or already dropped.</summary>
    public CapturedRequest? Find(InspectorBin bin, long id)
    {
        ArgumentNullException.ThrowIfNull(bin);
        lock (_lock) return bin.Captures.FirstOrDefault(c => c.Id == id);
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

    private InspectorBin RemoveLocked(InspectorBin bin)
    {
        _bins.Remove(bin.Id);
        foreach (var capture in bin.Captures.ToList()) DropLocked(bin, capture);
        return bin;
    }

    private void DropLocked(InspectorBin bin, CapturedRequest capture)
    {
        bin.Captures.Remove(capture);
        for (var node = _arrivals.First; node is not null; node = node.Next)
        {
            if (!ReferenceEquals(node.Value.Capture, capture)) continue;
            _arrivals.Remove(node);
            _totalBytes -= capture.RawBody.Length;
            break;
        }
    }

    // Outside the lock: removing the topic ends its streams, which runs subscriber code.
    private void Forget(InspectorBin bin)
    {
        topics.Remove(TopicName(bin.Id));
        InspectorLog.BinRemoved(logger, bin.Id);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
