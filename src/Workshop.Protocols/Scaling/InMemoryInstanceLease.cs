namespace Workshop.Protocols.Scaling;

/// <summary>The default: one process, which always holds every lease.</summary>
public sealed class InMemoryInstanceLease : IInstanceLease
{
    /// <summary>The shared instance.</summary>
    public static InMemoryInstanceLease Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string name) => ValueTask.CompletedTask;
}
