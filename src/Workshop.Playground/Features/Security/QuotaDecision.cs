namespace Workshop.Playground.Features.Security;

/// <summary>What <see cref="ClientQuota.TryTake"/> decided.</summary>
public enum QuotaDecision
{
    /// <summary>Within the allowance.</summary>
    Granted,

    /// <summary>The client used its allowance for this window (429).</summary>
    Exhausted,

    /// <summary>Too many clients are tracked right now (503).</summary>
    Busy,
}
