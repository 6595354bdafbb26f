namespace Workshop.Protocols.WebSockets;

/// <summary>
/// Carries a <see cref="WebSocketHub"/>'s broadcasts to the same hub on other instances. The hub always delivers
/// to its own local members first; the backplane only forwards to other processes and never echoes back.
/// </summary>
public interface IHubBackplane
{
    /// <summary><c>memory</c> or <c>redis</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Sends a broadcast of hub <paramref name="hub"/> to the other instances. The hub does not await it (a broadcast
    /// never waits on the network); it must not throw: a failure is the backplane's to log (lost during an outage).
    /// Calls made one after another are sent in that order.
    /// </summary>
    Task PublishAsync(string hub, string room, OutboundMessage message);

    /// <summary>Calls <paramref name="onRemote"/>, in order, for each broadcast another instance published on hub <paramref name="hub"/>.</summary>
    void Subscribe(string hub, Action<string, OutboundMessage> onRemote);
}
