namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Limits of the webhook inspector, bound from <c>Webhooks:Inspector</c> and validated at start. Everything lives
/// in memory, so every dimension is bounded, and bounded per creator (the client partition key of the caller that
/// created a bin): a flood of bins or requests evicts the flooder's own data, never another creator's.
/// </summary>
public sealed class InspectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks:Inspector";

    /// <summary>Most live bins in total; past it, creation is refused with 503 <c>inspector-full</c> (default 500).</summary>
    public int MaxBins { get; set; } = 500;

    /// <summary>Most live bins per creator; creating one more evicts that creator's least recently used bin (default 10).</summary>
    public int MaxBinsPerCreator { get; set; } = 10;

    /// <summary>Most captured requests kept per bin; older ones are dropped (default 50).</summary>
    public int MaxCapturesPerBin { get; set; } = 50;

    /// <summary>Largest body captured; a bigger one is answered 413 and not kept (default 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Estimated bytes a bin's captures may hold (body bytes, body text, headers, path, address, verdicts); past it the
    /// bin's oldest captures are dropped, though its newest is always kept (default 1 MiB).
    /// </summary>
    public long MaxBytesPerBin { get; set; } = 1024 * 1024;

    /// <summary>
    /// Estimated bytes all captures may hold; past it the oldest captures of the creator holding the most bytes are
    /// dropped (default 64 MiB).
    /// </summary>
    public long MaxTotalBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A bin nobody used (no capture, no read) for this long is removed (default 2 hours).</summary>
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a redelivery waits for the target's answer (default 10 s).</summary>
    public TimeSpan RedeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Null when the options are usable, else what is wrong (naming the keys).</summary>
    public string? Validate()
    {
        // The full key in every message: the failed start names the setting to fix.
        if (MaxBins < 1) return $"{SectionName}:{nameof(MaxBins)} must be at least 1.";
        if (MaxBinsPerCreator < 1) return $"{SectionName}:{nameof(MaxBinsPerCreator)} must be at least 1.";
        if (MaxCapturesPerBin < 1) return $"{SectionName}:{nameof(MaxCapturesPerBin)} must be at least 1.";
        if (MaxBodyBytes < 1) return $"{SectionName}:{nameof(MaxBodyBytes)} must be at least 1.";
        if (MaxBinsPerCreator > MaxBins) return $"{SectionName}:{nameof(MaxBinsPerCreator)} must not exceed {SectionName}:{nameof(MaxBins)}.";
        if (MaxBytesPerBin < 1) return $"{SectionName}:{nameof(MaxBytesPerBin)} must be at least 1.";
        if (MaxTotalBytes < MaxBytesPerBin) return $"{SectionName}:{nameof(MaxTotalBytes)} must be at least {SectionName}:{nameof(MaxBytesPerBin)}.";
        if (IdleExpiry <= TimeSpan.Zero) return $"{SectionName}:{nameof(IdleExpiry)} must be positive.";
        if (RedeliveryTimeout <= TimeSpan.Zero) return $"{SectionName}:{nameof(RedeliveryTimeout)} must be positive.";
        return null;
    }
}
