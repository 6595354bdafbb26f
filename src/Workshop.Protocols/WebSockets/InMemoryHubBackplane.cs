namespace Workshop.Protocols.WebSockets;

/// <summary>The default: one process, no other instances, so there is nothing to forward.</summary>
public sealed class InMemoryHubBackplane : IHubBackplane
{
    /// <summary>The shared instance.</summary>
    public static InMemoryHubBackplane Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public Task PublishAsync(string hub, string room, OutboundMessage message)
        => Task.CompletedTask; // local members were already served by the hub itself

    /// <inheritdoc />
    public void Subscribe(string hub, Action<string, OutboundMessage> onRemote)
    {
        // No other instance will ever publish.
    }
}
