namespace Workshop.Protocols.Scaling;

/// <summary>The default: one process, which always holds every lease.</summary>
public sealed class InMemoryInstanceLease : IInstanceLease
{
    /// <summary>The shared instance.</summary>
    public static InMemoryInstanceLease Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<LeaseHold> HoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken) => ValueTask.FromResult(LeaseHold.Held);

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string name) => ValueTask.CompletedTask;
}
