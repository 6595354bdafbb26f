namespace Workshop.Protocols.Scaling;

/// <summary>
/// Who is in a room across every instance. Each instance announces only its own members of a room; a list
/// merges the announcements of the instances still alive (a dead instance's members expire with it).
/// </summary>
public interface IRoomPresence
{
    /// <summary>Announces this instance's members of <paramref name="room"/> now (empty: none left). Never throws.</summary>
    Task AnnounceAsync(string hub, string room, IReadOnlyList<string> localMembers);

    /// <summary>
    /// The names of the room's members on every live instance, <paramref name="localMembers"/> included (only those
    /// when the other instances cannot be asked). Never throws.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string hub, string room, IReadOnlyList<string> localMembers, CancellationToken cancellationToken);
}
