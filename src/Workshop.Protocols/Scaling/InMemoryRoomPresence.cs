namespace Workshop.Protocols.Scaling;

/// <summary>The default: one process, so a room's members are the local ones.</summary>
public sealed class InMemoryRoomPresence : IRoomPresence
{
    /// <summary>The shared instance.</summary>
    public static InMemoryRoomPresence Instance { get; } = new();

    /// <inheritdoc />
    public Task AnnounceAsync(string hub, string room, IReadOnlyList<string> localMembers) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string hub, string room, IReadOnlyList<string> localMembers, CancellationToken cancellationToken)
        => Task.FromResult(localMembers);
}
