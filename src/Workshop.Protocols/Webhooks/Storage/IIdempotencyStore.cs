namespace Workshop.Protocols.Webhooks;

/// <summary>
/// Remembers which event ids a receiver has handled, so a duplicate (even a concurrent one) has exactly one effect.
/// A claim that is neither completed nor released (the process died mid-handler) expires after a lease.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Atomically claims <paramref name="eventId"/> within <paramref name="scope"/> (e.g. the receiver's route).</summary>
    Task<IdempotencyClaim> TryClaimAsync(string scope, string eventId, CancellationToken cancellationToken);

    /// <summary>Marks a claimed event as handled for good.</summary>
    Task CompleteAsync(string scope, string eventId, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after the handler failed, so the sender's retry can handle it.</summary>
    Task ReleaseAsync(string scope, string eventId, CancellationToken cancellationToken);
}
