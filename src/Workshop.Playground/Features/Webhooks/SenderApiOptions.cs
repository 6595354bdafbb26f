namespace Workshop.Playground.Features.Webhooks;

/// <summary>Limits of the playground's sender API, bound from <c>Webhooks:SenderApi</c> and validated at start.</summary>
public sealed class SenderApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhooks:SenderApi";

    /// <summary>Largest request body of <c>POST /api/sender/deliveries</c> (payload included); larger gets 413. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Deliveries one client may enqueue per <see cref="QuotaWindow"/> (default 200), whatever its rate.</summary>
    public int DeliveriesPerClient { get; set; } = 200;

    /// <summary>The quota's window (default one day).</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Outside Development, host names the sender may deliver to besides this server's own inspector bins. Empty
    /// by default: a hosted playground never sends a caller's payload to a host of the caller's choosing.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];
}
