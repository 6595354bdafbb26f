namespace Workshop.Playground.Features.Inspector;

/// <summary>
/// Limits of the webhook inspector, bound from <c>Webhooks:Inspector</c>. Everything lives in memory, so every
/// dimension is bounded: a flood of bins or requests evicts old data instead of exhausting memory.
/// </summary>
public sealed class InspectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks:Inspector";

    /// <summary>Most bins kept at once; creating one more evicts the least recently used (default 50).</summary>
    public int MaxBins { get; set; } = 50;

    /// <summary>Most captured requests kept per bin; older ones are dropped (default 50).</summary>
    public int MaxCapturesPerBin { get; set; } = 50;

    /// <summary>Largest body captured; a bigger one is answered 413 and not kept (default 256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Body bytes kept over all bins; the oldest captures anywhere are dropped past it (default 32 MiB).</summary>
    public long MaxTotalBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>A bin nobody used (no capture, no read) for this long is removed (default 2 hours).</summary>
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a redelivery waits for the target's answer (default 10 s).</summary>
    public TimeSpan RedeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
