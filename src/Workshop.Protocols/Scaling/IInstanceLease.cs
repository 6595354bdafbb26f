namespace Workshop.Protocols.Scaling;

/// <summary>
/// A named lease that at most one instance holds at a time, for work that must run once across instances (the
/// playground's live feed). A holder that stops renewing (it died) loses it after the duration; another takes it.
/// </summary>
public interface IInstanceLease
{
    /// <summary>
    /// Takes the lease when free, renews it when this instance holds it, and answers whether this instance holds it
    /// for <paramref name="duration"/> from now: <see cref="LeaseHold.Held"/> when the shared store confirmed it,
    /// <see cref="LeaseHold.Alone"/> when the store is unreachable (every instance then serves its own clients, as
    /// local delivery does during an outage), <see cref="LeaseHold.NotHeld"/> when another instance holds it. Never throws.
    /// </summary>
    ValueTask<LeaseHold> HoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if this instance holds it (on shutdown, so another takes over at once). Never throws.</summary>
    ValueTask ReleaseAsync(string name);
}
