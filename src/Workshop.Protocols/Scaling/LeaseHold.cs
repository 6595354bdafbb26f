namespace Workshop.Protocols.Scaling;

/// <summary>What <see cref="IInstanceLease.HoldAsync"/> found.</summary>
public enum LeaseHold
{
    /// <summary>Another instance holds the lease: do not do the work.</summary>
    NotHeld,

    /// <summary>This instance holds the lease, confirmed by the shared store (or it is the only instance).</summary>
    Held,

    /// <summary>
    /// The shared store is unreachable: every instance serves its own clients alone. When the store comes back, the
    /// instance that then holds the lease must first catch up with what the others did meanwhile.
    /// </summary>
    Alone,
}
